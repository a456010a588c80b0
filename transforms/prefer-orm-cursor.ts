import type * as t from "@babel/types";
import { isFunctionNode } from "../src/ast/predicates.js";
import { walk } from "../src/ast/walk.js";
import { end, start, type TransformContext } from "../src/core/context.js";
import { defineTransform } from "../src/core/define.js";
import { toJscodeshift } from "../src/adapters/jscodeshift.js";
import { backticked } from "../src/core/quote.js";
import { COMMON_RISK_FACTORS, selectRiskFactors } from "../src/core/risk.js";
import type { BaseMatch, Node, RiskReason, Rewrite } from "../src/core/types.js";
import { removeRange, replaceNode, statementRemovalRange } from "../src/fix/index.js";
import { sharedReasons } from "./shared/orm/assess.js";
import { ormNotes } from "./shared/orm/docs.js";
import { loadMessageData } from "./shared/orm/messages.js";
import { ORM_SETTINGS } from "./shared/orm/settings.js";
import { ORM_TRIGGERS } from "./shared/orm/triggers.js";
import type { Plan } from "./shared/orm/query.js";
import { eagerLoadAt, type EagerLoad } from "./shared/orm/recognize.js";
import { ORM_RISK_FACTORS, OrmRisk } from "./shared/orm/risk.js";
import type { RowsUse } from "./shared/orm/uses.js";

type IterateUse = Extract<RowsUse, { kind: "iterate" }>;
type CursorMatch = BaseMatch & {
  load: EagerLoad;
  loop: t.ForOfStatement;
  /** The lazy query, or the reason there is none (then the finding is reported only). */
  plan: Plan | undefined;
  unsupported?: string;
};

/** ORMs without a cursor or stream that lazymod can write. */
const NO_CURSOR: Record<string, string> = {
  prisma: "Prisma has no cursor or stream API",
  typeorm:
    "TypeORM streams only from a QueryBuilder (`.stream()`), which this rewrite does not build",
  sequelize: "Sequelize has no cursor or stream API",
  drizzle: "the Drizzle query builders this rewrite knows have no cursor",
};

function matchLoad(node: t.Node, ctx: TransformContext): CursorMatch | undefined {
  const load = eagerLoadAt(ctx, node);
  if (!load) return undefined;
  const { site, query } = load;
  let use: IterateUse | undefined;
  let movable = false;
  if (site.form === "inline" && site.use.kind === "iterate") {
    use = site.use;
    movable = true;
  } else if (
    site.form === "binding" &&
    site.uses.length === 1 &&
    site.uses[0]!.kind === "iterate"
  ) {
    use = site.uses[0];
    movable = site.binding.canMoveToUse;
  }
  if (!use) return undefined;
  const base = { ...loadMessageData(ctx, load), load, loop: use.loop };
  let unsupported = NO_CURSOR[query.orm];
  if (!unsupported && !movable)
    unsupported = "the loop is not right after the load, so the query cannot move into it";
  if (!unsupported && query.orm === "knex" && awaitsInside(use.loop.body))
    unsupported =
      "the loop body awaits, and a Knex stream holds a pooled connection meanwhile (a small pool can deadlock)";
  const plan = unsupported ? undefined : query.plan({ kind: "cursor", loop: use.loop });
  const configured = query.evidence.configured;
  if (!plan && !unsupported && configured?.wrapper?.methods.cursor === null)
    unsupported = `${backticked(configured.key)} is configured as a wrapper without a cursor (\`methods.cursor: null\`)`;
  if (!plan)
    return { ...base, plan: undefined, unsupported: unsupported ?? "no cursor for this query" };
  return { ...base, plan };
}

/** `await`, `yield` or `for await` in the loop body, outside nested functions. */
function awaitsInside(body: Node): boolean {
  let found = false;
  walk(body, (node) => {
    if (found || isFunctionNode(node)) return false;
    if (node.type === "AwaitExpression" || node.type === "YieldExpression") found = true;
    if (node.type === "ForOfStatement" && node.await) found = true;
    return undefined;
  });
  return found;
}

export const transform = defineTransform<CursorMatch>({
  id: "prefer-orm-cursor",
  title:
    "Every row loaded to be iterated → a cursor or stream (Mongoose, Knex); a finding for the other ORMs",
  category: "orm",
  rewrites: [
    "Mongoose: `for (const doc of await User.find(filter))` → `for await (const doc of User.find(filter).cursor())` (`.exec()` dropped)",
    'Knex: `for (const row of await knex("t").where(…))` → `for await (const row of knex("t").where(…).stream())`, only when the loop body does not await',
    "also through a variable whose only use is the loop in the very next statement",
    "Prisma, TypeORM, Sequelize and Drizzle: reported, not rewritten (no cursor API this rewrite can use); batch by hand with keyset pagination",
  ],
  refuses: [
    "rows that are also used outside the loop, or a loop that is not the next statement (the query would run later): reported when the loop is the only use, otherwise left alone.",
    "a Knex loop whose body awaits (reported: the stream would hold a pooled connection).",
    "`for await` loops, and loops over a query already limited to one row.",
    "a comment inside the code that would be removed: reported, not rewritten.",
  ],
  notes: ormNotes(
    [
      ["Prisma", "`for (const s of await prisma.s.findMany(a))`", "reported (no cursor API)"],
      ["TypeORM", "`for (const s of await repo.find(o))`", "reported"],
      ["Sequelize 6/7", "`for (const s of await M.findAll(o))`", "reported"],
      [
        "Mongoose",
        "`for (const d of await M.find(f))`",
        "`for await (const d of M.find(f).cursor())`",
      ],
      [
        "Knex",
        "`for (const r of await q)`",
        "`for await (const r of q.stream())` when the body does not await",
      ],
      ["Drizzle", "`for (const r of await q)`", "reported"],
    ],
    "On SQLite, Knex's `.stream()` still runs the whole query before the first row arrives (the sqlite drivers have no row-by-row mode), so the equivalence test proves the results, not the memory saving; on PostgreSQL and MySQL the stream reads rows as the loop consumes them.",
  ),
  triggers: ORM_TRIGGERS,
  settings: ORM_SETTINGS,
  riskFactors: {
    ...selectRiskFactors(ORM_RISK_FACTORS, [
      "orm-inferred-from-shape",
      "cursor-holds-connection",
      "iteration-loads-all-rows",
      "transaction-receiver",
      "wrapper-method-unknown",
    ]),
    ...selectRiskFactors(COMMON_RISK_FACTORS, ["comments-in-range"]),
  },
  origin: "Django's `QuerySet.iterator()`; Mongoose `Query.prototype.cursor()`; Knex `.stream()`",
  messages: {
    inline: "`for (… of await …)` holds every row `{{query}}` matches in memory for the loop",
    binding: "`{{name}}` holds every row `{{query}}` loaded, only to iterate over them once",
  },
  match: { CallExpression: matchLoad },
  assess(match, ctx) {
    if (!match.plan) {
      const reasons: RiskReason[] = [
        { id: OrmRisk["iteration-loads-all-rows"], detail: match.unsupported },
      ];
      return reasons;
    }
    return sharedReasons(ctx, match.load.query, match.plan);
  },
  fix(match, ctx) {
    if (!match.plan) return null;
    const { loop, load } = match;
    const head = ctx.source.slice(start(loop), end(loop.left));
    const opening = /^for\s*\(/.exec(head);
    if (!opening) return null;
    const rewrites: Rewrite[] = [
      { start: start(loop), end: start(loop) + 3, pieces: ["for await"] },
      replaceNode(loop.right, match.plan.call),
    ];
    if (load.site.form === "binding") {
      const removal = statementRemovalRange(ctx, load.site.binding.declaration);
      rewrites.unshift(removeRange(removal.from, removal.to));
    }
    return rewrites;
  },
});

export default toJscodeshift(transform);
