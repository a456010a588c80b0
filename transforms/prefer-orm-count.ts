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

type CountMatch = BaseMatch & { load: EagerLoad; lazy: LazyQuery };

/** Rows used for their number (and perhaps tested for emptiness too): one count answers both. */
function matchLoad(node: t.Node, ctx: TransformContext): CountMatch | undefined {
  const load = eagerLoadAt(ctx, node);
  if (!load || load.site.form === "destructure") return undefined;
  const uses = usesAt(load.site);
  if (!uses.some((u) => u.kind === "count")) return undefined;
  if (!uses.every((u) => u.kind === "count" || u.kind === "exists")) return undefined;
  const lazy = load.query.count();
  if (!lazy || lazy.result === "rows") return undefined;
  return { ...loadMessageData(load), load, lazy };
}

export const transform = defineTransform<CountMatch>({
  id: "prefer-orm-count",
  title: "Rows loaded only to be counted → a count query",
  category: "orm",
  rewrites: [
    "Prisma: `(await prisma.student.findMany({ where })).length` → `await prisma.student.count({ where })` (`select`, `include`, `omit` dropped; `take`/`skip`/`cursor` kept: Prisma's count honours them)",
    "TypeORM: `(await repo.find(o)).length` → `await repo.count(o)` (`findBy` → `countBy`, `manager.find(E, o)` → `manager.count(E, o)`)",
    "Sequelize 6/7: `(await Student.findAll(o)).length` → `await Student.count(o)` (`attributes`, `order`, `raw` dropped; `distinct: true` added with `include`, so each student counts once)",
    "Mongoose: `(await User.find(filter)).length` → `await User.countDocuments(filter)`",
    'Knex: `(await knex("students").where(…)).length` → `Number((await knex("students").where(…).count({ count: "*" }).first())?.count)` (`select`/`orderBy` dropped)',
    "Drizzle: `(await db.select().from(students).where(w)).length` → `await db.$count(students, w)`",
    "`rows.length` as a number, compared with another length (`rows.length !== ids.length`), and mixed with emptiness tests of the same rows: `const rows = await …; if (rows.length === 0) return; total += rows.length` → `const rowCount = await ….count(…)` with `rowCount` for every `rows.length`",
  ],
  refuses: [
    "rows that are used any other way (iterated, mapped, indexed, passed on).",
    "Prisma `distinct` or non-literal arguments; Sequelize `group` (the count becomes one per group) and `attributes` other than column names (a `DISTINCT` or an aggregate changes how many rows come back); Knex `distinct`/`groupBy`/`having`/`union`, `.limit()`/`.offset()`; Mongoose `.limit()`/`.skip()`; Drizzle joins, grouping, limits, `selectDistinct`, the synchronous `.all()` form and the relational `db.query…findMany`.",
    "locking reads (TypeORM `lock`, Sequelize `lock`, Knex `.forUpdate()`).",
    "a query already limited to one row.",
    "a comment inside the code that would be removed: reported, not rewritten.",
  ],
  notes: ormNotes(
    [
      [
        "Prisma",
        "`(await prisma.s.findMany(a)).length`",
        "`await prisma.s.count(a)` (keeps `take`/`skip`/`cursor`, which Prisma's count honours)",
      ],
      [
        "TypeORM",
        "`(await repo.find(o)).length`",
        "`await repo.count(o)` / `countBy(w)` (ignores `take`/`skip`: `pagination-dropped`)",
      ],
      [
        "Sequelize 6/7",
        "`(await M.findAll(o)).length`",
        "`await M.count(o)` (+ `distinct: true` with `include`; ignores `limit`/`offset`)",
      ],
      ["Mongoose", "`(await M.find(f)).length`", "`await M.countDocuments(f)`"],
      ["Knex", "`(await q).length`", '`Number((await q.count({ count: "*" }).first())?.count)`'],
      [
        "Drizzle",
        "`(await db.select().from(t).where(w)).length`",
        "`await db.$count(t, w)` (0.34+)",
      ],
    ],
    "Knex's count is not a number but a row (`[{ 'count(*)': 90 }]` for a plain `.count()`, the value a string on PostgreSQL and MySQL): the rewrite names the column and reads it with `Number(…)`.",
  ),
  triggers: ORM_TRIGGERS,
  settings: ORM_SETTINGS,
  riskFactors: {
    ...selectRiskFactors(ORM_RISK_FACTORS, [
      ...ORM_RECEIVER_FACTORS,
      "orm-hooks-differ",
      "orm-hooks-in-file",
      "orm-client-extended",
      "pagination-dropped",
      "to-many-join",
      "options-not-literal",
      "options-spread",
      "options-computed-key",
      "options-method",
      "options-duplicate-key",
      "count-value-shape",
      "transaction-receiver",
      "orm-api-version",
      "wrapper-method-unknown",
    ]),
    ...selectRiskFactors(COMMON_RISK_FACTORS, ["comments-in-range"]),
  },
  origin: "Django's `QuerySet.count()` versus `len(queryset)`; each ORM's count API",
  messages: {
    inline: "`{{query}}` loads every matching row only to count them",
    binding: "`{{name}}` holds every row `{{query}}` loaded, but only its length is used",
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
