import type { TransformContext } from "../../../src/core/context.js";
import { backticked, quoteCode } from "../../../src/core/quote.js";
import type { RiskReason } from "../../../src/core/types.js";
import type { OpaqueCause } from "./options.js";
import type { LazyFact, LazyQuery, OrmQuery } from "./query.js";
import { LAZY_FORMS } from "./receivers.js";
import { ORM_NAMES } from "./wrapper.js";
import { OrmRisk } from "./risk.js";

/**
 * Code that registers operation-specific hooks, middleware or query extensions: Prisma
 * `$extends`/`$use`, Sequelize `addHook`/`beforeFind`, Mongoose `schema.pre("find")`, TypeORM
 * `@AfterLoad`.
 */
const HOOK_REGISTRATION =
  /\$extends\s*\(|\$use\s*\(|\baddHook\s*\(|\bhooks\.addListener\s*\(|\bbeforeFind\w*\b|\bafterFind\b|\.pre\s*\(\s*["'`/](?:find|count|\^?find)|@AfterLoad\b/;

function hookRegistrationInFile(ctx: TransformContext): string | undefined {
  return ctx.memoize("orm-hook-registration", () => HOOK_REGISTRATION.exec(ctx.source)?.[0]);
}

/**
 * The reasons of an ORM rewrite: those every ORM shares (how the ORM was recognised, hooks,
 * transactions), then one for each fact of the lazy query.
 */
export function lazyQueryReasons(
  ctx: TransformContext,
  query: OrmQuery,
  lazy: LazyQuery,
): RiskReason[] {
  const reasons: RiskReason[] = [];
  if (query.evidence.source === "shape")
    reasons.push({ id: OrmRisk["orm-inferred-from-shape"], detail: query.label });
  if (query.evidence.source === "types")
    reasons.push({ id: OrmRisk["receiver-is-orm"], detail: query.evidence.detail });
  if (lazy.replaces) {
    reasons.push({ id: OrmRisk["orm-hooks-differ"], detail: lazy.replaces });
    const hooks = hookRegistrationInFile(ctx);
    if (hooks)
      reasons.push({ id: OrmRisk["orm-hooks-in-file"], detail: backticked(quoteCode(hooks)) });
    if (query.extendedClient)
      reasons.push({ id: OrmRisk["orm-client-extended"], detail: query.extendedClient });
  }
  const inTransaction = query.transaction && transactionEffect(lazy);
  if (inTransaction)
    reasons.push({
      id: OrmRisk["transaction-receiver"],
      detail: `${codeOrAsIs(query.transaction!)}; ${inTransaction}`,
    });
  return [...reasons, ...lazy.facts.map((fact) => factReason(ctx, fact))];
}

/**
 * What the lazy query changes about the transaction it runs in. A projection reads the same rows
 * (only fewer columns of them), so it takes the same row and predicate locks: nothing to say.
 */
function transactionEffect(lazy: LazyQuery): string | undefined {
  switch (lazy.operation) {
    case "select":
      return undefined;
    case "cursor":
      return "the rows are read while the loop runs, so the transaction's snapshot and locks are held for as long as the loop takes";
    default:
      return "the lazy query keeps it, but it reads fewer rows, so it takes fewer read locks and predicate locks than the eager load did";
  }
}

function factReason(ctx: TransformContext, fact: LazyFact): RiskReason {
  switch (fact.kind) {
    case "unordered":
      return { id: OrmRisk["first-row-order"], detail: fact.missing };
    case "order-ties":
      return { id: OrmRisk["first-row-ties"], detail: fact.order };
    case "needs-version":
      return { id: OrmRisk["orm-api-version"], detail: fact.detail };
    case "ignores-pagination":
      return { id: OrmRisk["pagination-dropped"], detail: codeList(fact.keys) };
    case "opaque-options":
      return opaqueOptionsReason(ctx, fact.cause);
    case "may-throw":
      return { id: OrmRisk["lazy-call-may-throw"], detail: fact.when };
    case "partial-objects":
      return { id: OrmRisk["projection-drops-fields"], detail: fact.objects };
    case "joins-rows":
      return { id: OrmRisk["to-many-join"], detail: `\`${fact.key}\`` };
    case "holds-connection":
      return { id: OrmRisk["cursor-holds-connection"], detail: fact.by };
    case "postgres-stream-package":
      return { id: OrmRisk["postgres-stream-package"], detail: fact.by };
    case "count-row":
      return { id: OrmRisk["count-value-shape"], detail: fact.orm };
    case "mapped-columns":
      return { id: OrmRisk["column-name-mapping"], detail: codeList(fact.props) };
    case "wrapper-method-unknown":
      return { id: OrmRisk["wrapper-method-unknown"], detail: wrapperDetail(fact) };
    case "method-typed":
      return { id: OrmRisk["lazy-method-typed"], detail: fact.detail };
    case "method-unavailable":
      return { id: OrmRisk["lazy-method-unavailable"], detail: fact.detail };
  }
}

/** `tx` as code; a description that already quotes its code (the `transaction` option) as it is. */
function codeOrAsIs(text: string): string {
  return text.includes("`") ? text : `\`${text}\``;
}

/** `` `take`, `skip` `` */
function codeList(names: readonly string[]): string {
  return names.map((name) => `\`${name}\``).join(", ");
}

/** The risk reason of options whose keys cannot be checked, naming what stops it. */
function opaqueOptionsReason(ctx: TransformContext, cause: OpaqueCause): RiskReason {
  switch (cause.kind) {
    case "not-literal":
      return { id: OrmRisk["options-not-literal"], detail: quoteCode(ctx.text(cause.node)) };
    case "spread":
      return { id: OrmRisk["options-spread"], detail: quoteCode(ctx.text(cause.node)) };
    case "computed-key":
      return { id: OrmRisk["options-computed-key"], detail: quoteCode(ctx.text(cause.node)) };
    case "method":
      return { id: OrmRisk["options-method"], detail: quoteCode(ctx.text(cause.node)) };
    case "duplicate-key":
      return { id: OrmRisk["options-duplicate-key"], detail: cause.name };
  }
}

/** What the rewrite needs of a wrapper whose configuration does not say it has it. */
function wrapperDetail(fact: Extract<LazyFact, { kind: "wrapper-method-unknown" }>): string {
  const form = LAZY_FORMS[fact.orm][fact.operation];
  const what =
    fact.calls !== undefined
      ? `the rewrite calls ${backticked(fact.calls)} on it`
      : `the rewrite relies on ${form && "keeps" in form ? form.keeps : "the ORM's own API"}`;
  return `${backticked(fact.key)} is configured as a ${ORM_NAMES[fact.orm]} wrapper without \`methods.${fact.operation}\`, and ${what}`;
}
