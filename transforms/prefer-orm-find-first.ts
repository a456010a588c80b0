import type * as t from "@babel/types";
import type { TransformContext } from "../src/core/context.js";
import { defineTransform } from "../src/core/define.js";
import { toJscodeshift } from "../src/adapters/jscodeshift.js";
import { quoteCode } from "../src/core/quote.js";
import { COMMON_RISK_FACTORS, selectRiskFactors } from "../src/core/risk.js";
import { bindingUses, findBinding } from "../src/core/scope.js";
import {
  presenceTests,
  toleratesAbsent,
  type Absent,
  type PresenceAtom,
} from "../src/core/nullability.js";
import type { BaseMatch, Node, RiskReason } from "../src/core/types.js";
import { isMemberLike } from "../src/ast/predicates.js";
import { outermostWrapper } from "../src/ast/context-predicates.js";
import {
  bindingTolerated,
  indexMayBeUndefined,
  keepingFor,
  keepingReasons,
  valueTolerated,
  type Keeping,
} from "./shared/result-type.js";
import { lazyQueryReasons } from "./shared/orm/assess.js";
import { ormNotes } from "./shared/orm/docs.js";
import { loadMessageData } from "./shared/orm/messages.js";
import { ORM_SETTINGS } from "./shared/orm/settings.js";
import { ORM_TRIGGERS } from "./shared/orm/triggers.js";
import type { LazyQuery } from "./shared/orm/query.js";
import { eagerLoadAt, type EagerLoad } from "./shared/orm/recognize.js";
import { isUnwritable } from "./shared/orm/typed.js";
import { siteRewrites, toleratesNull } from "./shared/orm/rewrite.js";
import { ORM_RISK_FACTORS, OrmRisk, ORM_RECEIVER_FACTORS } from "./shared/orm/risk.js";
import { usesAt } from "./shared/orm/uses.js";

type FirstMatch = BaseMatch & {
  load: EagerLoad;
  lazy: LazyQuery;
  /** How each first-row use (by its target; the awaited value when destructured) keeps its type. */
  keepings: Map<Node, Keeping>;
};

/** What the one-row query gives when no row matches, where `[0]` gave `undefined`. */
function absentOf(lazy: LazyQuery): Absent | undefined {
  if (lazy.result === "row-or-null") return "null";
  if (lazy.result === "row-or-undefined") return "undefined";
  return undefined; // still rows (`(await q.limit(1))[0]`): the use is unchanged
}

/**
 * `rows[0]` was typed `T` (unless noUncheckedIndexedAccess; `.at(0)` and `.shift()` were
 * `T | undefined`), and the one-row query is `T | null` (Knex's `.first()`: `T | undefined`).
 * Each use that needs `T` keeps it with `!`; one that needs `T | undefined`, with `?? undefined`.
 */
function firstRowKeepings(
  ctx: TransformContext,
  load: EagerLoad,
  lazy: LazyQuery,
): Map<Node, Keeping> {
  const keepings = new Map<Node, Keeping>();
  const absent = absentOf(lazy);
  if (!absent) return keepings;
  const site = load.site;
  const keep = (node: Node, mayBeUndefined: boolean, tolerated: () => boolean) =>
    keepings.set(
      node,
      keepingFor(ctx, { absent, originalMayBeUndefined: mayBeUndefined, tolerated }),
    );
  if (site.form === "destructure") {
    keep(site.value, indexMayBeUndefined(ctx), () => bindingTolerated(ctx, site.element, absent));
    return keepings;
  }
  const uses = usesAt(site);
  const firsts = new Set<Node>();
  const tests = new Map<Node, boolean>();
  for (const use of uses) {
    if (use.kind === "first") firsts.add(use.target);
    else if (use.kind === "exists") tests.set(use.target, use.nonEmpty);
  }
  // Through a variable, every use becomes the one holder, and an emptiness test becomes a test of
  // it (`rows.length === 0` → `firstRow === null`), which narrows the uses after it.
  const base = presenceTests((node) => firsts.has(node), absent);
  const atom: PresenceAtom = (test) => {
    const nonEmpty = tests.get(test);
    if (nonEmpty === undefined) return base(test);
    return nonEmpty ? "present-if-true" : "present-if-false";
  };
  for (const use of uses) {
    if (use.kind !== "first") continue;
    // A slot typed `T | undefined` (a return type, an annotated variable) takes the `undefined`
    // `[0]` gave, and `?? undefined` gives it back: a `!` there would pass `null` off as `T`.
    const mayBeUndefined =
      !isMemberLike(use.target) ||
      indexMayBeUndefined(ctx) ||
      (absent === "null" && toleratesAbsent(ctx, use.target, "undefined"));
    keep(use.target, mayBeUndefined, () => valueTolerated(ctx, use.target, absent, atom));
  }
  return keepings;
}

/** Rows used only for the first one (and perhaps tested for emptiness). */
function matchLoad(node: t.Node, ctx: TransformContext): FirstMatch | undefined {
  const load = eagerLoadAt(ctx, node);
  if (!load) return undefined;
  if (load.site.form !== "destructure") {
    const uses = usesAt(load.site);
    if (!uses.some((u) => u.kind === "first")) return undefined;
    if (!uses.every((u) => u.kind === "first" || u.kind === "exists")) return undefined;
  }
  const lazy = load.query.first();
  if (!lazy) return undefined;
  const data = loadMessageData(load);
  const keepings = firstRowKeepings(ctx, load, lazy);
  if (load.site.form === "destructure")
    return {
      node: load.site.declarator,
      messageId: "destructure",
      data: { ...data.data, name: load.site.element.name },
      load,
      lazy,
      keepings,
    };
  return { ...data, load, lazy, keepings };
}

/** The reason for how the type was kept, naming the first use that needed the most. */
function typeReasons(ctx: TransformContext, match: FirstMatch): RiskReason[] {
  for (const wanted of ["held", "assert", "as-undefined"] as const) {
    for (const [node, keeping] of match.keepings) {
      if (keeping !== wanted) continue;
      const shown = match.load.site.form === "destructure" ? match.load.site.element : node;
      return keepingReasons(keeping, quoteCode(ctx.text(shown)));
    }
  }
  return [];
}

/** Where the first row, now `null` when none matched, flows somewhere `undefined` was expected. */
function nullSensitiveUse(ctx: TransformContext, match: FirstMatch): Node | undefined {
  if (match.lazy.result !== "row-or-null") return undefined;
  const site = match.load.site;
  if (site.form === "destructure") {
    if (match.keepings.get(site.value) === "as-undefined") return undefined;
    const binding = findBinding(ctx, site.element);
    const uses = binding && bindingUses(ctx, binding);
    if (!uses) return site.element;
    return uses.reads.find((read) => !toleratesNull(ctx, read));
  }
  for (const use of usesAt(site)) {
    if (use.kind !== "first") continue;
    // `?? undefined` gives back the `undefined` the use expected.
    if (match.keepings.get(use.target) === "as-undefined") continue;
    const sensitive = nullSensitiveRead(ctx, use.target);
    if (sensitive) return sensitive;
  }
  return undefined;
}

/**
 * Where a first-row value can tell `null` from `undefined`: the use itself, or, for
 * `const first = (await q)[0]` (not annotated, not reassigned), the first read of `first` that can
 * (`if (first) return first.name` cannot).
 */
function nullSensitiveRead(ctx: TransformContext, value: Node): Node | undefined {
  if (toleratesNull(ctx, value)) return undefined;
  const self = outermostWrapper(ctx, value);
  const declarator = ctx.parentOf(self);
  if (
    declarator?.type !== "VariableDeclarator" ||
    declarator.init !== self ||
    declarator.id.type !== "Identifier" ||
    declarator.id.typeAnnotation
  )
    return value;
  const binding = findBinding(ctx, declarator.id);
  const uses = binding && binding.id === declarator.id ? bindingUses(ctx, binding) : undefined;
  if (!uses || uses.writes.length > 0) return value;
  if (binding?.declaration && ctx.parentOf(binding.declaration)?.type === "ExportNamedDeclaration")
    return value;
  return uses.reads.find((read) => !toleratesNull(ctx, read));
}

export const transform = defineTransform<FirstMatch>({
  id: "prefer-orm-find-first",
  title:
    "Rows loaded only for the first one → a one-row query (`findFirst`/`findOne`/`.first()`/`.limit(1)`)",
  category: "orm",
  rewrites: [
    "Prisma: `(await prisma.student.findMany(args))[0]` → `await prisma.student.findFirst(args)`",
    "TypeORM: `(await repo.find({ where, … }))[0]` → `await repo.findOne({ where, … })`; `findBy(w)` → `findOneBy(w)`; `manager.find(E, o)` → `manager.findOne(E, o)`",
    "Sequelize 6/7: `(await Student.findAll(o))[0]` → `await Student.findOne(o)`",
    "Mongoose: `(await User.find(f).sort(s))[0]` → `await User.findOne(f).sort(s)`",
    'Knex: `(await knex("students").where(…))[0]` → `await knex("students").where(…).first()` (also `undefined` when none matched)',
    "Drizzle: `(await db.select().from(t).where(w))[0]` → the same query with `.limit(1)`; `db.query.t.findMany(o)` gets `limit: 1`",
    "In TypeScript under strictNullChecks, a use that needs the row itself keeps the type `rows[0]` had with `!`: `(await prisma.s.findMany(a))[0].name` → `(await prisma.s.findFirst(a))!.name`; with noUncheckedIndexedAccess, a use that expected `T | undefined` gets `(await …) ?? undefined`; uses that cope with `null` (conditions, `?.`, `??`, a narrowing such as `if (!first) return`) are left as they are",
    "`[0]`, `.at(0)`, `.shift()`, `const [first] = await …`, and a variable used for its first row and emptiness tests: `const rows = await …; if (rows.length === 0) throw …; return rows[0];` → `const firstRow = await ….findFirst(…); if (firstRow === null) throw …; return firstRow;`",
  ],
  refuses: [
    "rows that are used any other way, or for another index than the first.",
    "TypeORM `find()` without options or with literal options that have no `where` (`findOne` throws without one).",
    "`const [first = fallback] = …` and destructuring with more than one element.",
    "Mongoose and Knex queries with a `.limit()` other than a positive literal; Drizzle queries with `.limit()`.",
    "a query already limited to one row.",
    "a comment inside the code that would be removed: reported, not rewritten.",
  ],
  notes: ormNotes(
    [
      [
        "Prisma",
        "`(await prisma.s.findMany(a))[0]`",
        "`await prisma.s.findFirst(a)` (null when none)",
      ],
      [
        "TypeORM",
        "`(await repo.find(o))[0]`",
        "`await repo.findOne(o)` / `findOneBy(w)` (null when none; needs `where`)",
      ],
      ["Sequelize 6/7", "`(await M.findAll(o))[0]`", "`await M.findOne(o)` (null when none)"],
      ["Mongoose", "`(await M.find(f))[0]`", "`await M.findOne(f)` (null when none)"],
      ["Knex", "`(await q)[0]`", "`await q.first()` (undefined when none, like `[0]`)"],
      ["Drizzle", "`(await q)[0]`", "`(await q.limit(1))[0]`; relational: `limit: 1`"],
    ],
    "`rows[0]` is `undefined` when nothing matched, but `findFirst`/`findOne` resolve to `null`. Conditions, property reads, `?.`, `??`, `||` and `== null` cannot tell the two apart; a returned or passed-on value, or `=== undefined`, can, and raises `null-instead-of-undefined`.",
  ),
  triggers: ORM_TRIGGERS,
  settings: ORM_SETTINGS,
  riskFactors: {
    ...selectRiskFactors(ORM_RISK_FACTORS, [
      ...ORM_RECEIVER_FACTORS,
      "orm-hooks-differ",
      "orm-hooks-in-file",
      "orm-client-extended",
      "null-instead-of-undefined",
      "first-row-order",
      "first-row-ties",
      "options-not-literal",
      "options-spread",
      "options-computed-key",
      "options-method",
      "options-duplicate-key",
      "lazy-call-may-throw",
      "transaction-receiver",
      "wrapper-method-unknown",
    ]),
    ...selectRiskFactors(COMMON_RISK_FACTORS, [
      "non-null-assertion",
      "keeps-undefined",
      "result-type-widens",
      "comments-in-range",
    ]),
  },
  origin: "Django's `QuerySet.first()`; each ORM's one-row API",
  messages: {
    inline: "`{{query}}` loads every matching row only to use the first",
    binding: "`{{name}}` holds every row `{{query}}` loaded, but only its first row is used",
    destructure:
      "`const [first] = await {{query}}(…)` loads every matching row only to keep the first",
  },
  match: { CallExpression: matchLoad },
  assess(match, ctx) {
    const reasons: RiskReason[] = lazyQueryReasons(ctx, match.load.query, match.lazy);
    const sensitive = nullSensitiveUse(ctx, match);
    if (sensitive)
      reasons.push({
        id: OrmRisk["null-instead-of-undefined"],
        detail: quoteCode(ctx.text(sensitive)),
      });
    reasons.push(...typeReasons(ctx, match));
    return reasons;
  },
  fix(match, ctx) {
    if (isUnwritable(match.lazy)) return null;
    return siteRewrites(ctx, match.load, match.lazy, match.keepings);
  },
});

export default toJscodeshift(transform);
