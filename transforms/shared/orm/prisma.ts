import {
  isMemberLike,
  methodCallee,
  propertyName,
  skipTypeWrappers,
} from "../../../src/ast/predicates.js";
import type { TransformContext } from "../../../src/core/context.js";
import { quoteCode } from "../../../src/core/quote.js";
import type { Node, RiskReason } from "../../../src/core/types.js";
import { configuredReceiverKind, receiverEvidence, rootIdentifier } from "./evidence.js";
import {
  editedPieces,
  hasOnlyKeys,
  isOneLiteral,
  isPositiveIntegerLiteral,
  optionsEdits,
  optionValue,
  readOptions,
  renameMethod,
  transactionParameter,
  type Edit,
  ormMethodName,
  type Goal,
  type OrmQuery,
  type Plan,
} from "./query.js";
import { OrmRisk } from "./risk.js";
import { objectLiteral } from "../../../src/fix/index.js";

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
    label,
    limitedToOne: isOneLiteral(take),
    transaction: transactionParameter(ctx, rootIdentifier(delegate)),
    plan(goal: Goal, method = ormMethodName): Plan | undefined {
      const rename = (name: string) => renameMethod(callee, method(name));
      const operation = (name: string) => `\`${name}\` instead of \`findMany\``;
      switch (goal.kind) {
        case "exists": {
          if (options.kind === "opaque" || optionValue(options, "distinct")) return undefined;
          if (take && !isPositiveIntegerLiteral(take)) return undefined;
          const edits: Edit[] = [
            rename("count"),
            ...optionsEdits(ctx, node, options, 0, new Set([...NOT_FOR_COUNT, "take"]), [
              "take: 1",
            ]),
          ];
          return {
            call: editedPieces(node, edits),
            result: "number",
            reasons: [],
            operationChange: operation("count"),
          };
        }
        case "count": {
          if (options.kind === "opaque" || optionValue(options, "distinct")) return undefined;
          const edits = [
            rename("count"),
            ...optionsEdits(ctx, node, options, 0, NOT_FOR_COUNT, []),
          ];
          return {
            call: editedPieces(node, edits),
            result: "number",
            reasons: [],
            operationChange: operation("count"),
          };
        }
        case "first": {
          // `findFirst` takes every argument `findMany` does, but a negative `take` reverses it.
          if (take && !isPositiveIntegerLiteral(take)) return undefined;
          const reasons: RiskReason[] = [];
          if (options.kind !== "opaque" && !optionValue(options, "orderBy"))
            reasons.push({ id: OrmRisk["first-row-order"], detail: "no `orderBy`" });
          return {
            call: editedPieces(node, [rename("findFirst")]),
            result: "row-or-null",
            reasons,
            operationChange: operation("findFirst"),
          };
        }
        case "select": {
          if (options.kind === "opaque") return undefined;
          if (["select", "include", "omit"].some((k) => optionValue(options, k))) return undefined;
          const select = `select: ${objectLiteral(
            ctx,
            goal.props.map((p) => `${p}: true`),
          )}`;
          return {
            call: editedPieces(node, optionsEdits(ctx, node, options, 0, new Set(), [select])),
            result: "rows",
            reasons: [],
          };
        }
        case "cursor":
          return undefined;
      }
    },
  };
}
