import { methodCallee, skipTypeWrappers } from "../../../src/ast/predicates.js";
import type { TransformContext } from "../../../src/core/context.js";
import { quoteCode } from "../../../src/core/quote.js";
import type { Node, RiskReason } from "../../../src/core/types.js";
import { configuredReceiverKind, receiverEvidence, rootIdentifier } from "./evidence.js";
import {
  editedPieces,
  hasOnlyKeys,
  isOneLiteral,
  optionsEdits,
  opaqueOptionsReasons,
  optionValue,
  ormMethodName,
  readOptions,
  renameMethod,
  transactionParameter,
  type Goal,
  type OrmQuery,
  type Plan,
} from "./query.js";
import { OrmRisk } from "./risk.js";
import { stringLiteral } from "../../../src/fix/index.js";

/** FindOptions keys; `lock` is left out on purpose (locking rows may be the point). */
const FIND_ALL_KEYS = new Set([
  "where",
  "attributes",
  "include",
  "order",
  "limit",
  "offset",
  "group",
  "having",
  "raw",
  "nest",
  "transaction",
  "paranoid",
  "logging",
  "benchmark",
  "subQuery",
  "useMaster",
  "replacements",
  "bind",
  "searchPath",
  "indexHints",
]);
/** Keys that shape the loaded rows but mean nothing (or something else) to `count`. */
const NOT_FOR_COUNT = new Set(["attributes", "order", "raw", "nest", "subQuery"]);

/** `Student.findAll(options)`, `db.Student.findAll(…)`, `this.studentModel.findAll(…)` (v6 and v7). */
export function recognizeSequelize(ctx: TransformContext, node: Node): OrmQuery | undefined {
  const callee = methodCallee(node, ["findAll"]);
  if (!callee || node.type !== "CallExpression" || node.arguments.length > 1) return undefined;
  const arg = node.arguments[0];
  if (arg?.type === "SpreadElement") return undefined;
  const inner = arg && skipTypeWrappers(arg);
  if (inner?.type === "ArrowFunctionExpression" || inner?.type === "FunctionExpression")
    return undefined;
  const options = readOptions(arg);
  if (!hasOnlyKeys(options, FIND_ALL_KEYS)) return undefined;
  const model = skipTypeWrappers(callee.object);
  const configured = configuredReceiverKind(ctx, model);
  if (configured && configured !== "sequelize") return undefined;
  const evidence = receiverEvidence(ctx, model, "sequelize") ?? {
    source: "shape" as const,
    detail: "`findAll` on a model",
  };
  const label = quoteCode(ctx.text(callee));
  const transaction =
    transactionParameter(ctx, rootIdentifier(model)) ??
    (optionValue(options, "transaction")
      ? quoteCode(ctx.text(optionValue(options, "transaction")!))
      : undefined);
  return {
    orm: "sequelize",
    evidence,
    node,
    label,
    limitedToOne: isOneLiteral(optionValue(options, "limit")),
    transaction,
    plan(goal: Goal, method = ormMethodName): Plan | undefined {
      const opaque = opaqueOptionsReasons(ctx, options);
      const renamed = (name: string) => editedPieces(node, [renameMethod(callee, method(name))]);
      switch (goal.kind) {
        case "exists":
          // `findOne` is `findAll` with `limit: 1`: the same hooks and scopes run.
          return { call: renamed("findOne"), result: "row-or-null", reasons: opaque };
        case "count": {
          if (options.kind === "opaque") {
            return {
              call: renamed("count"),
              result: "number",
              reasons: opaque,
              operationChange:
                "`count` (`beforeCount` hooks) instead of `findAll` (`beforeFind`, `afterFind`)",
            };
          }
          // `count({ group })` resolves to one count per group, not a number.
          if (optionValue(options, "group")) return undefined;
          const reasons: RiskReason[] = [];
          const paginated = ["limit", "offset"].filter((k) => optionValue(options, k));
          if (paginated.length > 0)
            reasons.push({
              id: OrmRisk["pagination-dropped"],
              detail: paginated.map((k) => `\`${k}\``).join(", "),
            });
          const add: string[] = [];
          if (optionValue(options, "include")) {
            // Without `distinct`, a count with an include counts joined rows, not students.
            if (!optionValue(options, "distinct")) add.push("distinct: true");
            reasons.push({ id: OrmRisk["to-many-join"], detail: "`include`" });
          }
          const edits = [
            renameMethod(callee, method("count")),
            ...optionsEdits(ctx, node, options, 0, NOT_FOR_COUNT, add),
          ];
          return {
            call: editedPieces(node, edits),
            result: "number",
            reasons,
            operationChange:
              "`count` (`beforeCount` hooks) instead of `findAll` (`beforeFind`, `afterFind`)",
          };
        }
        case "first": {
          const reasons: RiskReason[] = [...opaque];
          if (options.kind !== "opaque" && !optionValue(options, "order"))
            reasons.push({ id: OrmRisk["first-row-order"], detail: "no `order`" });
          return { call: renamed("findOne"), result: "row-or-null", reasons };
        }
        case "select": {
          if (options.kind === "opaque") return undefined;
          if (["attributes", "include", "group", "raw"].some((k) => optionValue(options, k)))
            return undefined;
          const attributes = `attributes: [${goal.props.map((p) => stringLiteral(ctx, p)).join(", ")}]`;
          return {
            call: editedPieces(node, optionsEdits(ctx, node, options, 0, new Set(), [attributes])),
            result: "rows",
            reasons: [
              { id: OrmRisk["projection-drops-fields"], detail: "Sequelize model instances" },
            ],
          };
        }
        case "cursor":
          return undefined;
      }
    },
  };
}
