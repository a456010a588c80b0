import type { TransformContext } from "../../../src/core/context.js";
import { backticked, quoteCode } from "../../../src/core/quote.js";
import type { RiskReason } from "../../../src/core/types.js";
import { OrmRisk } from "./risk.js";
import type { OrmQuery, Plan } from "./query.js";

/**
 * Code that registers operation-specific hooks, middleware or query extensions: Prisma
 * `$extends`/`$use`, Sequelize `addHook`/`beforeFind`, Mongoose `schema.pre("find")`, TypeORM
 * `@AfterLoad`.
 */
const HOOK_REGISTRATION =
  /\$extends\s*\(|\$use\s*\(|\baddHook\s*\(|\bhooks\.addListener\s*\(|\bbeforeFind\w*\b|\bafterFind\b|\.pre\s*\(\s*["'`/](?:find|count|\^?find)|@AfterLoad\b/;

export function hookRegistrationInFile(ctx: TransformContext): string | undefined {
  return ctx.memoize("orm-hook-registration", () => HOOK_REGISTRATION.exec(ctx.source)?.[0]);
}

/** The reasons every ORM rewrite shares: how the ORM was recognised, hooks, transactions. */
export function sharedReasons(ctx: TransformContext, query: OrmQuery, plan: Plan): RiskReason[] {
  const reasons: RiskReason[] = [];
  if (query.evidence.source === "shape")
    reasons.push({ id: OrmRisk["orm-inferred-from-shape"], detail: query.label });
  if (plan.operationChange) {
    reasons.push({ id: OrmRisk["orm-hooks-differ"], detail: plan.operationChange });
    const hooks = hookRegistrationInFile(ctx);
    if (hooks)
      reasons.push({ id: OrmRisk["orm-hooks-in-file"], detail: backticked(quoteCode(hooks)) });
  }
  if (query.transaction)
    reasons.push({ id: OrmRisk["transaction-receiver"], detail: query.transaction });
  return [...reasons, ...plan.reasons];
}
