import { methodCallee, skipTypeWrappers } from "../../../src/ast/predicates.js";
import type { TransformContext } from "../../../src/core/context.js";
import { quoteCode } from "../../../src/core/quote.js";
import type { Node } from "../../../src/core/types.js";
import {
  configuredReceiverKind,
  receiverEvidence,
  rootIdentifier,
  transactionParameter,
} from "./evidence.js";
import {
  hasOnlyKeys,
  ignoredPagination,
  isOneLiteral,
  opaqueFacts,
  optionValue,
  readOptions,
  withOption,
} from "./options.js";
import { orderTiesFacts, sequelizeOrderColumns } from "./order.js";
import type { Entry, LazyFact, OrmQuery } from "./query.js";

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
    receiver: { node: model, method: "findAll" },
    label,
    limitedToOne: isOneLiteral(optionValue(options, "limit")),
    transaction,
    noCursor: "Sequelize has no cursor or stream API",
    exists() {
      // `findOne` is `findAll` with `limit: 1`: the same hooks and scopes run.
      return {
        operation: "exists",
        result: "row-or-null",
        method: { callee, name: "findOne" },
        changes: [],
        facts: opaqueFacts(options),
      };
    },
    count() {
      const count = {
        operation: "count",
        result: "number",
        method: { callee, name: "count" },
        replaces: "`count` (`beforeCount` hooks) instead of `findAll` (`beforeFind`, `afterFind`)",
      } as const;
      if (options.kind === "opaque") return { ...count, changes: [], facts: opaqueFacts(options) };
      // `count({ group })` resolves to one count per group, not a number.
      if (optionValue(options, "group")) return undefined;
      // `[fn("DISTINCT", col("age")), "age"]` or an aggregate changes how many rows come back.
      const attributes = optionValue(options, "attributes");
      if (attributes && !isColumnList(attributes)) return undefined;
      const facts = ignoredPagination(options, ["limit", "offset"]);
      const add: Entry[] = [];
      if (optionValue(options, "include")) {
        // Without `distinct`, a count with an include counts joined rows, not students.
        if (!optionValue(options, "distinct")) add.push(["distinct", "true"]);
        facts.push({ kind: "joins-rows", key: "include" });
      }
      return {
        ...count,
        changes: [{ kind: "options", call: node, options, drop: NOT_FOR_COUNT, add }],
        facts,
      };
    },
    first() {
      const facts: LazyFact[] = opaqueFacts(options);
      const order = optionValue(options, "order");
      if (options.kind !== "opaque" && !order)
        facts.push({ kind: "unordered", missing: "no `order`" });
      if (order) facts.push(...orderTiesFacts(ctx, sequelizeOrderColumns(order), order));
      return {
        operation: "first",
        result: "row-or-null",
        method: { callee, name: "findOne" },
        changes: [],
        facts,
      };
    },
    select(props) {
      if (options.kind === "opaque") return undefined;
      if (["attributes", "include", "group", "raw"].some((k) => optionValue(options, k)))
        return undefined;
      const attributes = { array: props.map((p) => ({ string: p })) };
      return withOption(
        "select",
        node,
        options,
        ["attributes", attributes],
        [{ kind: "partial-objects", objects: "Sequelize model instances" }],
      );
    },
    cursor: () => undefined,
  };
}

/**
 * `attributes: ["id", "name"]` or `{ exclude: ["bio"] }`: columns only, so the rows are the
 * table's (not a `DISTINCT` of them, nor an aggregate's one row).
 */
function isColumnList(node: Node): boolean {
  const inner = skipTypeWrappers(node);
  if (inner.type === "ArrayExpression")
    return inner.elements.every((e) => e?.type === "StringLiteral");
  if (inner.type !== "ObjectExpression") return false;
  return inner.properties.every(
    (p) =>
      p.type === "ObjectProperty" &&
      !p.computed &&
      p.key.type === "Identifier" &&
      p.key.name === "exclude" &&
      isColumnList(p.value),
  );
}
