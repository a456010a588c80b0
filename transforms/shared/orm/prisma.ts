import {
  isMemberLike,
  methodCallee,
  propertyName,
  skipTypeWrappers,
} from "../../../src/ast/predicates.js";
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
  isOneLiteral,
  isPositiveIntegerLiteral,
  optionValue,
  readOptions,
  withOption,
} from "./options.js";
import { objectOrderColumns, orderTiesFacts } from "./order.js";
import { trueFor, type LazyFact, type OrmQuery } from "./query.js";
const FIND_MANY_KEYS = new Set([
  "where",
  "select",
  "include",
  "omit",
  "orderBy",
  "cursor",
  "take",
  "skip",
  "distinct",
  "relationLoadStrategy",
]);
/** `count` takes where/orderBy/cursor/take/skip; these would change its result or be rejected. */
const NOT_FOR_COUNT = new Set(["select", "include", "omit", "relationLoadStrategy"]);

/** `prisma.student.findMany(args)`, `this.prisma.student…`, `tx.student…` (not Drizzle's `db.query.x`). */
export function recognizePrisma(ctx: TransformContext, node: Node): OrmQuery | undefined {
  const callee = methodCallee(node, ["findMany"]);
  if (!callee || node.type !== "CallExpression" || node.arguments.length > 1) return undefined;
  const delegate = skipTypeWrappers(callee.object);
  if (!isMemberLike(delegate) || propertyName(delegate) === undefined) return undefined;
  if (isMemberLike(delegate.object) && propertyName(delegate.object) === "query") return undefined;
  const arg = node.arguments[0];
  if (arg?.type === "SpreadElement") return undefined;
  const options = readOptions(arg);
  if (!hasOnlyKeys(options, FIND_MANY_KEYS)) return undefined;
  const label = quoteCode(ctx.text(callee));
  // Configuration may name the client (`this.prisma`) or one delegate (`this.prisma.user`).
  const configured = configuredReceiverKind(ctx, delegate);
  if (configured && configured !== "prisma") return undefined;
  const evidence = receiverEvidence(ctx, delegate, "prisma") ?? {
    source: "shape" as const,
    detail: "`findMany` on a model delegate",
  };
  const take = optionValue(options, "take");
  return {
    orm: "prisma",
    evidence,
    node,
    receiver: { node: delegate, method: "findMany" },
    label,
    limitedToOne: isOneLiteral(take),
    transaction: transactionParameter(ctx, rootIdentifier(delegate)),
    noCursor: "Prisma has no cursor or stream API",
    exists() {
      // Prisma has no `exists`: the first row or null. Not `count({ take: 1 })`: Prisma orders
      // that count's subquery by the id, so a database that reaches the rows through another
      // index (SQLite, through `age` for `age > 20`) sorts every matching row to keep one.
      if (options.kind === "opaque" || optionValue(options, "distinct")) return undefined;
      if (take && !isPositiveIntegerLiteral(take)) return undefined;
      // Relations are not needed to know a row exists; the order only matters to what is skipped.
      const paged = optionValue(options, "skip") || optionValue(options, "cursor");
      const drop = new Set([
        "take",
        "include",
        "relationLoadStrategy",
        ...(paged ? [] : ["orderBy"]),
      ]);
      return {
        operation: "exists",
        result: "row-or-null",
        method: { callee, name: "findFirst" },
        changes: [{ kind: "options", call: node, options, drop }],
        replaces: replaces("findFirst"),
        facts: [],
      };
    },
    count() {
      if (options.kind === "opaque" || optionValue(options, "distinct")) return undefined;
      return {
        operation: "count",
        result: "number",
        method: { callee, name: "count" },
        changes: [{ kind: "options", call: node, options, drop: NOT_FOR_COUNT }],
        replaces: replaces("count"),
        facts: [],
      };
    },
    first() {
      // `findFirst` takes every argument `findMany` does, but a negative `take` reverses it.
      if (take && !isPositiveIntegerLiteral(take)) return undefined;
      const facts: LazyFact[] = [];
      const orderBy = optionValue(options, "orderBy");
      if (options.kind !== "opaque" && !orderBy)
        facts.push({ kind: "unordered", missing: "no `orderBy`" });
      if (orderBy) facts.push(...orderTiesFacts(ctx, objectOrderColumns(orderBy), orderBy));
      return {
        operation: "first",
        result: "row-or-null",
        method: { callee, name: "findFirst" },
        changes: [],
        replaces: replaces("findFirst"),
        facts,
      };
    },
    select(props) {
      if (options.kind === "opaque") return undefined;
      if (["select", "include", "omit"].some((k) => optionValue(options, k))) return undefined;
      return withOption("select", node, options, ["select", trueFor(props)]);
    },
    cursor: () => undefined,
  };
}

/** The lazy operation in place of `findMany`, for hooks. */
function replaces(method: string): string {
  return `\`${method}\` instead of \`findMany\``;
}
