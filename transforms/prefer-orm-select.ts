import type * as t from "@babel/types";
import type { TransformContext } from "../src/core/context.js";
import { defineTransform } from "../src/core/define.js";
import { toJscodeshift } from "../src/adapters/jscodeshift.js";
import { COMMON_RISK_FACTORS, selectRiskFactors } from "../src/core/risk.js";
import type { BaseMatch } from "../src/core/types.js";
import { replaceNode } from "../src/fix/index.js";
import { lazyQueryReasons } from "./shared/orm/assess.js";
import { ormNotes } from "./shared/orm/docs.js";
import { loadMessageData } from "./shared/orm/messages.js";
import { ORM_SETTINGS } from "./shared/orm/settings.js";
import { ORM_TRIGGERS } from "./shared/orm/triggers.js";
import type { LazyQuery } from "./shared/orm/query.js";
import { lazyCall } from "./shared/orm/lazy-call.js";
import { eagerLoadAt, type EagerLoad } from "./shared/orm/recognize.js";
import { ORM_RISK_FACTORS, ORM_RECEIVER_FACTORS } from "./shared/orm/risk.js";
import { isUnwritable } from "./shared/orm/typed.js";
import { usesAt } from "./shared/orm/uses.js";

type SelectMatch = BaseMatch & { load: EagerLoad; lazy: LazyQuery };

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Rows only mapped to a few of their properties (and perhaps counted): load just those columns. */
function matchLoad(node: t.Node, ctx: TransformContext): SelectMatch | undefined {
  const load = eagerLoadAt(ctx, node);
  if (!load || load.site.form === "destructure") return undefined;
  const uses = usesAt(load.site);
  const props = new Set<string>();
  for (const use of uses) {
    if (use.kind === "map") for (const p of use.props) props.add(p);
    else if (use.kind !== "count" && use.kind !== "exists") return undefined;
  }
  if (props.size === 0 || ![...props].every((p) => IDENTIFIER.test(p))) return undefined;
  const lazy = load.query.select([...props].sort());
  if (!lazy) return undefined;
  const message = loadMessageData(load);
  return {
    ...message,
    data: {
      ...message.data,
      props: [...props]
        .sort()
        .map((p) => `\`${p}\``)
        .join(", "),
    },
    load,
    lazy,
  };
}

export const transform = defineTransform<SelectMatch>({
  id: "prefer-orm-select",
  title: "Whole rows loaded for one or two fields → select only those columns",
  category: "orm",
  rewrites: [
    "Prisma: `(await prisma.user.findMany({ where })).map((u) => u.email)` → `findMany({ where, select: { email: true } })`",
    "TypeORM: `repo.find({ where })` → `repo.find({ where, select: { email: true } })`; `repo.findBy(w)` → `repo.find({ where: w, select: { email: true } })`",
    'Sequelize 6/7: `Student.findAll({ where })` → `Student.findAll({ where, attributes: ["email"] })`',
    'Mongoose: `User.find(filter)` → `User.find(filter).select("email")`',
    'Knex: `knex("users").where(…)` → `knex("users").where(…).select("email")`',
    "Drizzle: `db.select().from(users)` → `db.select({ email: users.email }).from(users)`; `db.query.users.findMany(o)` gets `columns: { email: true }`",
    "the rows (inline, through a variable or `.then`) used only by `.map` callbacks that read properties of their row (`(u) => u.email`, `({ id, email }) => …`), and perhaps counted or tested for emptiness: the `.map` stays as it is",
  ],
  refuses: [
    "a callback that uses the row itself (passes it on, spreads it, calls its methods) or reads a computed property.",
    "queries that already project (`select`, `attributes`, `columns`, a projection argument), or that include relations or joins (a property may belong to either side).",
    "Sequelize `group` or `raw`; Knex `distinct`/`groupBy`; Drizzle grouping, `selectDistinct`, or a table that is not a plain name.",
    "a query already limited to one row.",
    "a comment inside the code that would be removed: reported, not rewritten.",
  ],
  notes: ormNotes([
    [
      "Prisma",
      "`(await prisma.s.findMany(a)).map((s) => s.name)`",
      "`findMany({ …a, select: { name: true } })`",
    ],
    [
      "TypeORM",
      "`(await repo.find(o)).map((s) => s.name)`",
      "`repo.find({ …o, select: { name: true } })` (entities: `projection-drops-fields`)",
    ],
    [
      "Sequelize 6/7",
      "`(await M.findAll(o)).map((s) => s.name)`",
      '`M.findAll({ …o, attributes: ["name"] })` (instances: `projection-drops-fields`)',
    ],
    [
      "Mongoose",
      "`(await M.find(f)).map((u) => u.email)`",
      '`M.find(f).select("email")` (documents unless `.lean()`)',
    ],
    ["Knex", "`(await q).map((s) => s.name)`", '`q.select("name")`'],
    [
      "Drizzle",
      "`(await db.select().from(t)).map((s) => s.name)`",
      "`db.select({ name: t.name }).from(t)`; relational: `columns`",
    ],
  ]),
  triggers: ORM_TRIGGERS,
  settings: ORM_SETTINGS,
  riskFactors: {
    ...selectRiskFactors(ORM_RISK_FACTORS, [
      ...ORM_RECEIVER_FACTORS,
      "projection-drops-fields",
      "column-name-mapping",
      "transaction-receiver",
      "wrapper-method-unknown",
    ]),
    ...selectRiskFactors(COMMON_RISK_FACTORS, ["comments-in-range"]),
  },
  origin: "Django's `QuerySet.values_list()` / `only()`; each ORM's projection API",
  messages: {
    inline: "`{{query}}` loads every column, but the code reads only {{props}}",
    binding: "`{{name}}` holds whole rows from `{{query}}`, but the code reads only {{props}}",
  },
  match: { CallExpression: matchLoad },
  assess(match, ctx) {
    return lazyQueryReasons(ctx, match.load.query, match.lazy);
  },
  fix(match, ctx) {
    if (isUnwritable(match.lazy)) return null;
    const { query } = match.load;
    return [replaceNode(query.node, lazyCall(ctx, query, match.lazy))];
  },
});

export default toJscodeshift(transform);
