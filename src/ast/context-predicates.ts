import type * as t from "@babel/types";
import type { TransformContext } from "../core/context.js";
import type { Node } from "../core/types.js";
import {
  isCallLike,
  isIdentifier,
  isMemberLike,
  isNumberLiteral,
  isTypeWrapper,
  methodCallee,
} from "./predicates.js";

/** The outermost TS/Flow wrapper around a node: `(x as T)!` → the `!` expression. */
export function outermostWrapper(ctx: TransformContext, node: Node): Node {
  let current = node;
  for (
    let parent = ctx.parentOf(current);
    isTypeWrapper(parent) && parent.expression === current;
    parent = ctx.parentOf(current)
  ) {
    current = parent;
  }
  return current;
}

/** Array methods whose callback's return value is only used as a condition. */
const PREDICATE_METHODS = new Set([
  "filter",
  "some",
  "every",
  "find",
  "findIndex",
  "findLast",
  "findLastIndex",
]);

/**
 * Whether the node's value is only ever used as a condition (its truthiness), e.g. an `if`
 * test, `!x`, `Boolean(x)`, a ternary test, either side of `&&`/`||` that is itself a condition,
 * or the returned value of a `.filter`/`.some`/… arrow callback.
 */
export function isBooleanContext(ctx: TransformContext, node: Node): boolean {
  const self = outermostWrapper(ctx, node);
  const parent = ctx.parentOf(self);
  if (!parent) return false;
  switch (parent.type) {
    case "IfStatement":
    case "WhileStatement":
    case "DoWhileStatement":
    case "ConditionalExpression":
      return parent.test === self;
    case "ForStatement":
      return parent.test === self;
    case "UnaryExpression":
      return parent.operator === "!";
    case "LogicalExpression":
      return parent.operator !== "??" && isBooleanContext(ctx, parent);
    case "CallExpression":
      return (
        isIdentifier(parent.callee, "Boolean") &&
        parent.arguments.length === 1 &&
        parent.arguments[0] === self
      );
    case "ArrowFunctionExpression":
      return parent.body === self && isPredicateCallback(ctx, parent);
    case "ReturnStatement":
      return isPredicateReturn(ctx, parent);
    default:
      return false;
  }
}

function isPredicateCallback(ctx: TransformContext, fn: Node): boolean {
  const call = ctx.parentOf(fn);
  const callee = methodCallee(call);
  return (
    callee !== undefined &&
    PREDICATE_METHODS.has(callee.property.name) &&
    isCallLike(call) &&
    call.arguments[0] === fn
  );
}

/** `return <x>` directly in the body of a predicate callback. */
function isPredicateReturn(ctx: TransformContext, statement: Node): boolean {
  for (const ancestor of ctx.ancestors(statement)) {
    if (ancestor.type === "ArrowFunctionExpression" || ancestor.type === "FunctionExpression") {
      return isPredicateCallback(ctx, ancestor);
    }
    if (
      ancestor.type === "FunctionDeclaration" ||
      ancestor.type === "ObjectMethod" ||
      ancestor.type === "ClassMethod"
    ) {
      return false;
    }
  }
  return false;
}

export type ZeroComparison = { compare: t.BinaryExpression; nonEmpty: boolean };

/**
 * `n > 0`, `n !== 0`, `n != 0`, `n >= 1`, `0 < n`, … → non-empty test; `n === 0`, `n == 0`,
 * `n < 1`, `n <= 0`, `0 === n`, … → empty test. Operands are normalised so the value is on the left.
 */
export function zeroComparison(ctx: TransformContext, value: Node): ZeroComparison | undefined {
  const self = outermostWrapper(ctx, value);
  const compare = ctx.parentOf(self);
  if (compare?.type !== "BinaryExpression") return undefined;
  const onLeft = compare.left === self;
  const other = onLeft ? compare.right : compare.left;
  const operator = onLeft ? compare.operator : mirror(compare.operator);
  if (!operator) return undefined;
  if (isNumberLiteral(other, 0)) {
    if ([">", "!==", "!="].includes(operator)) return { compare, nonEmpty: true };
    if (["===", "==", "<="].includes(operator)) return { compare, nonEmpty: false };
  }
  if (isNumberLiteral(other, 1)) {
    if (operator === ">=") return { compare, nonEmpty: true };
    if (operator === "<") return { compare, nonEmpty: false };
  }
  return undefined;
}

/** `0 < n` is `n > 0`. */
function mirror(operator: string): string | undefined {
  switch (operator) {
    case "<":
      return ">";
    case ">":
      return "<";
    case "<=":
      return ">=";
    case ">=":
      return "<=";
    case "===":
    case "!==":
    case "==":
    case "!=":
      return operator;
    default:
      return undefined;
  }
}

/** `x.length` where `x` is the node (through TS wrappers): returns the member expression. */
export function lengthOf(
  ctx: TransformContext,
  node: Node,
): t.MemberExpression | t.OptionalMemberExpression | undefined {
  const self = outermostWrapper(ctx, node);
  const parent = ctx.parentOf(self);
  if (!isMemberLike(parent) || parent.object !== self || parent.computed) return undefined;
  return isIdentifier(parent.property, "length") ? parent : undefined;
}

/** Whether the node is assigned to, updated, deleted or called as a method target. */
export function isMutationOrCallTarget(ctx: TransformContext, node: Node): boolean {
  const parent = ctx.parentOf(node);
  if (!parent) return false;
  switch (parent.type) {
    case "AssignmentExpression":
      return parent.left === node;
    case "UpdateExpression":
      return true;
    case "UnaryExpression":
      return parent.operator === "delete";
    case "ForInStatement":
    case "ForOfStatement":
      return parent.left === node;
    case "CallExpression":
    case "OptionalCallExpression":
    case "NewExpression":
      return parent.callee === node;
    case "TaggedTemplateExpression":
      return parent.tag === node;
    case "ArrayPattern":
    case "ObjectProperty":
    case "RestElement":
    case "AssignmentPattern":
      return true;
    default:
      return false;
  }
}
