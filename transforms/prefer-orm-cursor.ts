import type * as t from "@babel/types";
import { end, start, type TransformContext } from "../src/core/context.js";
import { defineTransform } from "../src/core/define.js";
import { toJscodeshift } from "../src/adapters/jscodeshift.js";
import { backticked } from "../src/core/quote.js";
import { COMMON_RISK_FACTORS, selectRiskFactors } from "../src/core/risk.js";
import type { BaseMatch, RiskReason, Rewrite } from "../src/core/types.js";
import { removeRange, replaceNode, statementRemovalRange } from "../src/fix/index.js";
import { lazyQueryReasons } from "./shared/orm/assess.js";
import { ormNotes } from "./shared/orm/docs.js";
import { lazyCall } from "./shared/orm/lazy-call.js";
import { loadMessageData } from "./shared/orm/messages.js";
import { ORM_SETTINGS } from "./shared/orm/settings.js";
import { ORM_TRIGGERS } from "./shared/orm/triggers.js";
import type { LazyQuery } from "./shared/orm/query.js";
import { eagerLoadAt, type EagerLoad } from "./shared/orm/recognize.js";
import { ORM_RISK_FACTORS, OrmRisk, ORM_RECEIVER_FACTORS } from "./shared/orm/risk.js";
import { isUnwritable } from "./shared/orm/typed.js";
import type { RowsUse } from "./shared/orm/uses.js";

type IterateUse = Extract<RowsUse, { kind: "iterate" }>;
type CursorMatch = BaseMatch & { load: EagerLoad; loop: t.ForOfStatement } & (
    | { lazy: LazyQuery }
    /** No lazy query: why, and the finding is reported only. */
    | { lazy?: undefined; unsupported: string }
  );

const NOT_NEXT_STATEMENT = "the loop is not right after the load, so the query cannot move into it";

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
  const base = { ...loadMessageData(load), load, loop: use.loop };
  const why = query.noCursor ?? (movable ? undefined : NOT_NEXT_STATEMENT);
  if (why) return { ...base, unsupported: why };
  const cursor = query.cursor(use.loop);
  if (cursor && "refused" in cursor) return { ...base, unsupported: cursor.refused };
  if (cursor) return { ...base, lazy: cursor };
  const configured = query.evidence.configured;
  const unsupported =
    configured?.wrapper?.methods.cursor === null
      ? `${backticked(configured.key)} is configured as a wrapper without a cursor (\`methods.cursor: null\`)`
      : "no cursor for this query";
  return { ...base, unsupported };
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
    "On SQLite, Knex's `.stream()` still runs the whole query before the first row arrives (the sqlite drivers have no row-by-row mode), so the equivalence test proves the results, not the memory saving; on PostgreSQL and MySQL the stream reads rows as the loop consumes them. On PostgreSQL it needs the `pg-query-stream` package (`postgres-stream-package`); the equivalence test runs it there too.",
  ),
  triggers: ORM_TRIGGERS,
  settings: ORM_SETTINGS,
  riskFactors: {
    ...selectRiskFactors(ORM_RISK_FACTORS, [
      ...ORM_RECEIVER_FACTORS,
      "cursor-holds-connection",
      "postgres-stream-package",
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
    if (!match.lazy) {
      const reasons: RiskReason[] = [
        { id: OrmRisk["iteration-loads-all-rows"], detail: match.unsupported },
      ];
      return reasons;
    }
    return lazyQueryReasons(ctx, match.load.query, match.lazy);
  },
  fix(match, ctx) {
    if (!match.lazy || isUnwritable(match.lazy)) return null;
    const { loop, load } = match;
    const head = ctx.source.slice(start(loop), end(loop.left));
    const opening = /^for\s*\(/.exec(head);
    if (!opening) return null;
    const rewrites: Rewrite[] = [
      { start: start(loop), end: start(loop) + 3, pieces: ["for await"] },
      replaceNode(loop.right, lazyCall(ctx, load.query, match.lazy)),
    ];
    if (load.site.form === "binding") {
      const removal = statementRemovalRange(ctx, load.site.binding.declaration);
      rewrites.unshift(removeRange(removal.from, removal.to));
    }
    return rewrites;
  },
});

export default toJscodeshift(transform);
