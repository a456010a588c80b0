import type * as t from "@babel/types";
import type { TransformContext } from "../src/core/context.js";
import { defineTransform } from "../src/core/define.js";
import { toJscodeshift } from "../src/adapters/jscodeshift.js";
import { COMMON_RISK_FACTORS, selectRiskFactors } from "../src/core/risk.js";
import type { BaseMatch } from "../src/core/types.js";
import { lazyQueryReasons } from "./shared/orm/assess.js";
import { ormNotes } from "./shared/orm/docs.js";
import { loadMessageData } from "./shared/orm/messages.js";
import { ORM_SETTINGS } from "./shared/orm/settings.js";
import { ORM_TRIGGERS } from "./shared/orm/triggers.js";
import type { LazyQuery } from "./shared/orm/query.js";
import { eagerLoadAt, type EagerLoad } from "./shared/orm/recognize.js";
import { isUnwritable } from "./shared/orm/typed.js";
import { siteRewrites } from "./shared/orm/rewrite.js";
import { ORM_RISK_FACTORS, ORM_RECEIVER_FACTORS } from "./shared/orm/risk.js";
import { usesAt } from "./shared/orm/uses.js";

type ExistsMatch = BaseMatch & { load: EagerLoad; lazy: LazyQuery };

function matchLoad(node: t.Node, ctx: TransformContext): ExistsMatch | undefined {
  const load = eagerLoadAt(ctx, node);
  if (!load || load.site.form === "destructure") return undefined;
  const uses = usesAt(load.site);
  if (uses.length === 0 || !uses.every((u) => u.kind === "exists")) return undefined;
  const lazy = load.query.exists();
  if (!lazy) return undefined;
  return { ...loadMessageData(load), load, lazy };
}

export const transform = defineTransform<ExistsMatch>({
  id: "prefer-orm-exists",
  title:
    "Rows loaded only to test for any → an existence query (`findFirst`/`exists`/`findOne`/`.first()`/`.limit(1)`)",
  category: "orm",
  rewrites: [
    "Prisma: `(await prisma.student.findMany({ where })).length > 0` → `(await prisma.student.findFirst({ where })) !== null`",
    "TypeORM: `(await repo.find({ where })).length > 0` → `await repo.exists({ where })` (`findBy` → `existsBy`, `manager.find(E, o)` → `manager.exists(E, o)`)",
    "Sequelize 6/7: `(await Student.findAll({ where })).length > 0` → `(await Student.findOne({ where })) !== null`",
    "Mongoose: `(await User.find(filter)).length > 0` → `!!(await User.exists(filter))` (`if (await User.exists(filter))` in a condition)",
    'Knex: `(await knex("students").where(…)).length > 0` → `(await knex("students").where(…).first()) !== undefined`',
    "Drizzle: `(await db.select().from(students).where(w)).length > 0` → the same with `.limit(1)` (`limit: 1` for `db.query.students.findMany`)",
    "every emptiness test: `> 0`, `!== 0`, `>= 1`, `=== 0`, `< 1`, a bare `.length` condition, `!`, `!!`, `Boolean(…)`",
    "`const rows = await …; if (rows.length === 0) …` → `if ((await …) === 0)` when the test is the next statement, else `const hasRows = …` where the rows were loaded; `.then((rows) => rows.length > 0)` → `.then((rowCount) => rowCount > 0)` on the lazy query",
  ],
  refuses: [
    "rows that are used any other way (iterated, passed on, returned, indexed): then one load is cheaper than two queries.",
    "a query already limited to one row (`take: 1`, `limit: 1`, `.limit(1)`).",
    "Prisma `findMany(args)` with non-literal arguments, `distinct`, or a non-literal `take`; Mongoose `.limit()`/`.skip()` or a third `options` argument; Knex `.modify()`, locks, and a non-literal `.limit()`; Drizzle queries with `.limit()`.",
    "locking reads (TypeORM `lock`, Sequelize `lock`, Knex `.forUpdate()`): the lock may be the point.",
    "`.find(callback)` (Array.prototype.find), and receivers nothing identifies as an ORM (no import, configuration or distinctive method).",
    "a comment inside the code that would be removed: reported, not rewritten.",
  ],
  notes: ormNotes([
    [
      "Prisma",
      "`(await prisma.s.findMany(a)).length > 0`",
      "`(await prisma.s.findFirst(a)) !== null`, without `take`, `include`, and `orderBy` unless `skip` or `cursor` needs it (Prisma has no `exists`; `count({ take: 1 })` orders its subquery by the id, which SQLite sorts every matching row for)",
    ],
    [
      "TypeORM",
      "`(await repo.find(o)).length > 0`",
      "`await repo.exists(o)` / `existsBy(w)` (0.3.18+)",
    ],
    [
      "Sequelize 6/7",
      "`(await M.findAll(o)).length > 0`",
      "`(await M.findOne(o)) !== null` (the same `beforeFind` hooks run; one whole row is read, as Sequelize 6 rejects `attributes: []`)",
    ],
    [
      "Mongoose",
      "`(await M.find(f)).length > 0`",
      "`!!(await M.exists(f))` (`{ _id }` or null since v6, a boolean before)",
    ],
    ["Knex", "`(await q).length > 0`", "`(await q.first()) !== undefined`"],
    ["Drizzle", "`(await q).length > 0`", "`(await q.limit(1)).length > 0`"],
  ]),
  triggers: ORM_TRIGGERS,
  settings: ORM_SETTINGS,
  riskFactors: {
    ...selectRiskFactors(ORM_RISK_FACTORS, [
      ...ORM_RECEIVER_FACTORS,
      "orm-hooks-differ",
      "orm-hooks-in-file",
      "orm-client-extended",
      "pagination-dropped",
      "options-not-literal",
      "options-spread",
      "options-computed-key",
      "options-method",
      "options-duplicate-key",
      "transaction-receiver",
      "orm-api-version",
      "wrapper-method-unknown",
    ]),
    ...selectRiskFactors(COMMON_RISK_FACTORS, ["comments-in-range"]),
  },
  origin:
    "Django's `QuerySet.exists()` advice (the OOM incident behind lazymod); Prisma, TypeORM, Sequelize, Mongoose, Knex and Drizzle query APIs",
  messages: {
    inline: "`{{query}}` loads every matching row only to learn whether there is one",
    binding: "`{{name}}` holds every row `{{query}}` loaded, but is only tested for emptiness",
  },
  match: { CallExpression: matchLoad },
  assess(match, ctx) {
    return lazyQueryReasons(ctx, match.load.query, match.lazy);
  },
  fix(match, ctx) {
    if (isUnwritable(match.lazy)) return null;
    return siteRewrites(ctx, match.load, match.lazy);
  },
});

export default toJscodeshift(transform);
