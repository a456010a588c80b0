import { selectRiskFactors } from "../src/core/risk.js";
import type * as t from "@babel/types";
import { isBooleanContext, lengthOf, outermostWrapper } from "../src/ast/context-predicates.js";
import { isIdentifier, isMemberLike, skipTypeWrappers } from "../src/ast/predicates.js";
import { walk } from "../src/ast/walk.js";
import type { TransformContext } from "../src/core/context.js";
import { defineTransform } from "../src/core/define.js";
import { toJscodeshift } from "../src/adapters/jscodeshift.js";
import { bindingUses, findBinding } from "../src/core/scope.js";
import type { BaseMatch, Node, RiskReason } from "../src/core/types.js";
import { isSynchronous } from "./shared/orm/drizzle.js";
import { ormNotes } from "./shared/orm/docs.js";
import { ORM_SETTINGS } from "./shared/orm/settings.js";
import { ORM_TRIGGERS } from "./shared/orm/triggers.js";
import type { OrmQuery } from "./shared/orm/query.js";
import { ormQueryAt } from "./shared/orm/recognize.js";
import { ORM_RISK_FACTORS, OrmRisk } from "./shared/orm/risk.js";

type TruthyMatch = BaseMatch & { query: OrmQuery; subject: string };

/**
 * `if (await prisma.x.findMany(…))`, `if (!rows)` where `rows` holds an ORM load: an array is
 * always truthy, so the test never sees "no rows".
 */
function matchQuery(node: t.Node, ctx: TransformContext): TruthyMatch[] | undefined {
  const query = ormQueryAt(ctx, node);
  if (!query) return undefined;
  let value: Node = query.node;
  if (!isSynchronous(query)) {
    const parent = ctx.parentOf(outermostWrapper(ctx, query.node));
    if (parent?.type !== "AwaitExpression") return undefined;
    value = parent;
  }
  const self = outermostWrapper(ctx, value);
  const holder = ctx.parentOf(self);
  if (
    holder?.type === "VariableDeclarator" &&
    holder.init === self &&
    holder.id.type === "Identifier"
  ) {
    const binding = findBinding(ctx, holder.id);
    const uses = binding && bindingUses(ctx, binding);
    if (!binding || !uses || uses.writes.length > 0) return undefined;
    return uses.reads
      .filter((read) => isAlwaysTruthyTest(ctx, read, binding.name))
      .map((read) => ({
        node: read,
        messageId: "binding",
        data: { name: binding.name, query: query.label },
        query,
        subject: binding.name,
      }));
  }
  if (!isAlwaysTruthyTest(ctx, value, undefined)) return undefined;
  return [
    {
      node: value,
      messageId: "inline",
      data: { query: query.label },
      query,
      subject: `await ${query.label}(…)`,
    },
  ];
}

/**
 * The rows themselves used as a condition, with nothing in the same condition that tests their
 * length or first row (`!rows || rows.length === 0` is only a redundant guard), and not the
 * `rows ? rows : []` kind of null guard.
 */
function isAlwaysTruthyTest(ctx: TransformContext, value: Node, name: string | undefined): boolean {
  if (!isBooleanContext(ctx, value)) return false;
  let condition = outermostWrapper(ctx, value);
  for (let parent = ctx.parentOf(condition); parent; parent = ctx.parentOf(condition)) {
    if (
      parent.type === "LogicalExpression" ||
      (parent.type === "UnaryExpression" && parent.operator === "!")
    )
      condition = parent;
    else break;
  }
  const test = ctx.parentOf(condition);
  if (
    test?.type === "ConditionalExpression" &&
    name &&
    (isIdentifier(skipTypeWrappers(test.consequent), name) ||
      isIdentifier(skipTypeWrappers(test.alternate), name))
  )
    return false;
  if (!name) return true;
  let guarded = false;
  walk(condition, (node) => {
    if (guarded) return false;
    if (isIdentifier(node, name)) {
      const parent = ctx.parentOf(outermostWrapper(ctx, node));
      if (
        lengthOf(ctx, node) ||
        (isMemberLike(parent) && parent.object === outermostWrapper(ctx, node))
      )
        guarded = true;
    }
    return undefined;
  });
  return !guarded;
}

export const transform = defineTransform<TruthyMatch>({
  id: "prefer-orm-emptiness-test",
  title:
    "An array of rows used as a condition (always true) → a finding: test its length or use an existence query",
  category: "orm",
  rewrites: [
    "nothing: `if (await prisma.user.findMany({ where }))`, `const rows = await repo.find(o); if (!rows) throw …` and `rows ? a : b` are reported with high risk, because the test never depends on the rows (an empty array is truthy). The intended test is `rows.length > 0`, or an existence query (`prefer-orm-exists`)",
  ],
  refuses: [
    "guards that also test the length or a row in the same condition (`!rows || rows.length === 0`): redundant, not wrong.",
    "`rows ? rows : []`-style null guards (a branch is the rows themselves).",
    "`rows ?? []` and `rows || []` outside conditions.",
    "variables that are reassigned.",
  ],
  notes: ormNotes(
    [
      [
        "Prisma",
        "`if (await prisma.s.findMany(a))`",
        "report: test `.length`, or use `prefer-orm-exists`",
      ],
      ["TypeORM", "`const rows = await repo.find(o); if (!rows) …`", "report"],
      ["Sequelize 6/7", "`if (await M.findAll(o))`", "report"],
      ["Mongoose", "`if (await M.find(f))`", "report"],
      ["Knex", "`while (!rows)` over `await q`", "report"],
      ["Drizzle", "`rows ? a : b` over `await q`", "report"],
    ],
    "Python's empty QuerySet is falsy, so `if queryset:` works (loading every row); a JavaScript array is truthy even when empty, so the same test in JS is a bug, not just a cost. It is reported, never rewritten: what the code meant has to be decided by a person.",
    { proven: false },
  ),
  reportOnly: true,
  triggers: ORM_TRIGGERS,
  settings: ORM_SETTINGS,
  riskFactors: {
    ...selectRiskFactors(ORM_RISK_FACTORS, ["array-always-truthy", "receiver-is-orm"]),
  },
  origin:
    "Django's `if queryset:` (which works in Python because an empty QuerySet is falsy; a JS array is not)",
  messages: {
    inline:
      "`await …` resolves to the rows `{{query}}` matched: an array is true as a condition even when empty",
    binding:
      "`{{name}}` holds the rows of `{{query}}`: an array is true as a condition even when empty",
  },
  match: { CallExpression: matchQuery },
  assess(match) {
    const reasons: RiskReason[] = [{ id: OrmRisk["array-always-truthy"], detail: match.subject }];
    if (match.query.evidence.source === "types")
      reasons.push({ id: OrmRisk["receiver-is-orm"], detail: match.query.evidence.detail });
    return reasons;
  },
  fix() {
    return null;
  },
});

export default toJscodeshift(transform);
