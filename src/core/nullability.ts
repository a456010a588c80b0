import type * as t from "@babel/types";
import { isBooleanContext } from "../ast/context-predicates.js";
import {
  isCallLike,
  isFunctionNode,
  isIdentifier,
  isMemberLike,
  isTypeWrapper,
  skipTypeWrappers,
} from "../ast/predicates.js";
import type { TransformContext } from "./context.js";
import type { Node } from "./types.js";

/**
 * What a rewrite adds to a value's type: `find` adds `undefined` to what `[0]` gave, a one-row
 * ORM query `null` (Knex's `.first()` `undefined`).
 */
export type Absent = "undefined" | "null";

/**
 * What one condition says about the value: `x`, `x != null`, `x !== undefined` prove it present
 * when true; `x == null`, `x === undefined` when false.
 */
type PresenceTest = "present-if-true" | "present-if-false";

/** Reads one operand of a condition (no `!`, `&&`, `||`): a test of the value, or undefined. */
export type PresenceAtom = (test: Node) => PresenceTest | undefined;

/**
 * The tests of a value that `isValue` recognises: its truthiness, and comparisons with `null`
 * and (strictly) with the absent value itself.
 */
export function presenceTests(isValue: (node: Node) => boolean, absent: Absent): PresenceAtom {
  return (test) => {
    if (isValue(test)) return "present-if-true";
    if (test.type !== "BinaryExpression") return undefined;
    const left = skipTypeWrappers(test.left);
    const right = skipTypeWrappers(test.right);
    const other = isValue(left) ? right : isValue(right) ? left : undefined;
    if (!other) return undefined;
    const isNull = other.type === "NullLiteral";
    const isUndefined = isIdentifier(other, "undefined");
    const loose = test.operator === "==" || test.operator === "!=";
    const strict = test.operator === "===" || test.operator === "!==";
    // `x !== null` proves nothing about a value that may be `undefined`.
    const proves = loose
      ? isNull || isUndefined
      : strict && (absent === "null" ? isNull : isUndefined);
    if (!proves) return undefined;
    return test.operator.startsWith("!") ? "present-if-true" : "present-if-false";
  };
}

/** Whether the condition, when it evaluates to `outcome`, proves the value present. */
function provesPresent(test: Node, outcome: boolean, atom: PresenceAtom): boolean {
  const inner = skipTypeWrappers(test);
  if (inner.type === "UnaryExpression" && inner.operator === "!")
    return provesPresent(inner.argument, !outcome, atom);
  if (inner.type === "LogicalExpression") {
    // `a && b` true: both were; `a || b` false: neither was.
    if (inner.operator === "&&" && outcome)
      return provesPresent(inner.left, true, atom) || provesPresent(inner.right, true, atom);
    if (inner.operator === "||" && !outcome)
      return provesPresent(inner.left, false, atom) || provesPresent(inner.right, false, atom);
    return false;
  }
  return atom(inner) === (outcome ? "present-if-true" : "present-if-false");
}

/**
 * Whether TypeScript has narrowed the value away from `null`/`undefined` where `use` reads it: in
 * the branch of an `if`, ternary, `&&`/`||` or loop whose test proves it present, or after an
 * `if` whose other branch always leaves (`if (!token) return;`). Narrowing is not followed into
 * nested functions (a conservative answer: the caller then keeps the type some other way).
 */
export function isNarrowedToPresent(ctx: TransformContext, use: Node, atom: PresenceAtom): boolean {
  let child: Node = use;
  for (let parent = ctx.parentOf(child); parent; child = parent, parent = ctx.parentOf(parent)) {
    if (isFunctionNode(parent)) return false;
    switch (parent.type) {
      case "IfStatement":
      case "ConditionalExpression":
        if (parent.consequent === child && provesPresent(parent.test, true, atom)) return true;
        if (parent.alternate === child && provesPresent(parent.test, false, atom)) return true;
        break;
      case "LogicalExpression":
        if (parent.right !== child) break;
        if (parent.operator === "&&" && provesPresent(parent.left, true, atom)) return true;
        if (parent.operator === "||" && provesPresent(parent.left, false, atom)) return true;
        break;
      case "WhileStatement":
      case "ForStatement":
        if (parent.body === child && parent.test && provesPresent(parent.test, true, atom))
          return true;
        break;
      case "BlockStatement":
      case "Program":
        if (isGuardedByEarlierExit(parent.body, child, atom)) return true;
        break;
      case "SwitchCase":
        if (isGuardedByEarlierExit(parent.consequent, child, atom)) return true;
        break;
    }
  }
  return false;
}

/** `if (!x) return; … x.y`: an earlier `if` in the same block that leaves unless `x` is present. */
function isGuardedByEarlierExit(
  statements: readonly t.Statement[],
  child: Node,
  atom: PresenceAtom,
): boolean {
  for (const statement of statements) {
    if (statement === child) return false;
    if (statement.type !== "IfStatement") continue;
    const consequentLeaves = alwaysLeaves(statement.consequent);
    const alternateLeaves = statement.alternate ? alwaysLeaves(statement.alternate) : false;
    if (consequentLeaves && !alternateLeaves && provesPresent(statement.test, false, atom))
      return true;
    if (alternateLeaves && !consequentLeaves && provesPresent(statement.test, true, atom))
      return true;
  }
  return false;
}

/** A statement after which control never reaches the next one: `return`, `throw`, `break`, … */
function alwaysLeaves(statement: t.Statement): boolean {
  switch (statement.type) {
    case "ReturnStatement":
    case "ThrowStatement":
    case "BreakStatement":
    case "ContinueStatement":
      return true;
    case "BlockStatement":
      return statement.body.some(alwaysLeaves);
    case "IfStatement":
      return (
        statement.alternate !== null &&
        statement.alternate !== undefined &&
        alwaysLeaves(statement.consequent) &&
        alwaysLeaves(statement.alternate)
      );
    default:
      return false;
  }
}

/**
 * Whether TypeScript accepts a value that may now also be `absent` where the code used it: as a
 * condition, behind `?.`, on the left of `??`/`||`, compared, in a template, discarded, behind a
 * `!` or `as T` that states the type itself, or where an annotation (a variable's, the function's
 * return type) already admits it.
 */
export function toleratesAbsent(ctx: TransformContext, node: Node, absent: Absent): boolean {
  if (isBooleanContext(ctx, node)) return true;
  let self = node;
  for (let parent = ctx.parentOf(self); isTypeWrapper(parent); parent = ctx.parentOf(self)) {
    // `x!`, `x as T`, `<T>x` state the type the code expects; `satisfies` checks it.
    if (parent.type !== "ParenthesizedExpression" && parent.type !== "TSSatisfiesExpression")
      return true;
    self = parent;
  }
  const parent = ctx.parentOf(self);
  if (!parent) return false;
  if (isMemberLike(parent) && parent.object === self)
    return parent.type === "OptionalMemberExpression" && parent.optional === true;
  if (isCallLike(parent) && parent.callee === self)
    return parent.type === "OptionalCallExpression" && parent.optional === true;
  switch (parent.type) {
    case "LogicalExpression":
      return parent.left === self && parent.operator !== "&&";
    case "BinaryExpression":
      return ["===", "!==", "==", "!="].includes(parent.operator);
    case "UnaryExpression":
      return parent.operator === "typeof" || parent.operator === "void";
    case "TemplateLiteral":
      // A tag function's parameters may want the element itself.
      return ctx.parentOf(parent)?.type !== "TaggedTemplateExpression";
    case "ExpressionStatement":
      return true;
    case "VariableDeclarator":
      return parent.init === self && admits(typeAnnotationOf(parent.id), absent, false);
    case "ReturnStatement":
      return returnTypeAdmits(ctx, parent, absent);
    case "ArrowFunctionExpression":
      return parent.body === self && admits(returnTypeOf(parent), absent, parent.async === true);
    default:
      return false;
  }
}

function returnTypeAdmits(ctx: TransformContext, statement: Node, absent: Absent): boolean {
  for (const ancestor of ctx.ancestors(statement)) {
    if (isFunctionNode(ancestor))
      return admits(returnTypeOf(ancestor), absent, ancestor.async === true && !ancestor.generator);
  }
  return false;
}

function typeAnnotationOf(node: Node): Node | undefined {
  const annotation = (node as { typeAnnotation?: Node | null }).typeAnnotation;
  return annotation?.type === "TSTypeAnnotation" ? annotation.typeAnnotation : undefined;
}

function returnTypeOf(fn: t.Function): Node | undefined {
  const annotation = fn.returnType;
  return annotation?.type === "TSTypeAnnotation" ? annotation.typeAnnotation : undefined;
}

/** `T | undefined`, `T | null`, `any`, `unknown`; for an async function, `Promise<…>` of one. */
function admits(type: Node | undefined, absent: Absent, async: boolean): boolean {
  if (!type) return false;
  if (async) {
    if (type.type !== "TSTypeReference" || !isIdentifier(type.typeName, "Promise")) return false;
    const [inner] = type.typeParameters?.params ?? [];
    return admits(inner, absent, false);
  }
  if (type.type === "TSAnyKeyword" || type.type === "TSUnknownKeyword") return true;
  if (type.type === "TSParenthesizedType") return admits(type.typeAnnotation, absent, false);
  if (type.type !== "TSUnionType") return false;
  const wanted = absent === "null" ? "TSNullKeyword" : "TSUndefinedKeyword";
  return type.types.some((member) => member.type === wanted);
}
