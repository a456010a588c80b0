import type * as t from "@babel/types";
import type { Node } from "../core/types.js";

export type MemberLike = t.MemberExpression | t.OptionalMemberExpression;
export type CallLike = t.CallExpression | t.OptionalCallExpression;
export type FunctionLike = t.ArrowFunctionExpression | t.FunctionExpression;

export function isMemberLike(node: Node | null | undefined): node is MemberLike {
  return node?.type === "MemberExpression" || node?.type === "OptionalMemberExpression";
}

export function isCallLike(node: Node | null | undefined): node is CallLike {
  return node?.type === "CallExpression" || node?.type === "OptionalCallExpression";
}

export function isIdentifier(node: Node | null | undefined, name?: string): node is t.Identifier {
  return node?.type === "Identifier" && (name === undefined || node.name === name);
}

export function isFunctionLike(node: Node | null | undefined): node is FunctionLike {
  return node?.type === "ArrowFunctionExpression" || node?.type === "FunctionExpression";
}

export function isFunctionNode(node: Node | null | undefined): node is t.Function {
  switch (node?.type) {
    case "FunctionDeclaration":
    case "FunctionExpression":
    case "ArrowFunctionExpression":
    case "ObjectMethod":
    case "ClassMethod":
    case "ClassPrivateMethod":
      return true;
    default:
      return false;
  }
}

/** `a.b` / `a["b"]` / `a?.b` → "b"; anything computed from a non-literal → undefined. */
export function propertyName(member: MemberLike): string | undefined {
  const property = member.property;
  if (!member.computed && property.type === "Identifier") return property.name;
  if (member.computed && property.type === "StringLiteral") return property.value;
  return undefined;
}

/** `recv.name(...)` with a non-computed property: returns the member callee, else undefined. */
export function methodCallee(call: Node | null | undefined, names?: readonly string[]) {
  if (!isCallLike(call) || !isMemberLike(call.callee)) return undefined;
  const callee = call.callee;
  if (callee.computed || callee.property.type !== "Identifier") return undefined;
  if (names && !names.includes(callee.property.name)) return undefined;
  return callee as MemberLike & { property: t.Identifier };
}

/** `Global.method(...)`, e.g. `Object.keys(o)` or `Array.from(x)`. */
export function isStaticCall(
  node: Node | null | undefined,
  object: string,
  method: string,
): node is CallLike {
  const callee = methodCallee(node, [method]);
  return callee !== undefined && isIdentifier(callee.object, object);
}

export function isNumberLiteral(node: Node | null | undefined, value: number): boolean {
  if (node?.type === "NumericLiteral") return node.value === value;
  if (
    node?.type === "UnaryExpression" &&
    node.operator === "-" &&
    node.argument.type === "NumericLiteral"
  ) {
    return -node.argument.value === value;
  }
  return false;
}

const typeWrappers = new Set([
  "TSAsExpression",
  "TSSatisfiesExpression",
  "TSNonNullExpression",
  "TSTypeAssertion",
  "TypeCastExpression",
  "ParenthesizedExpression",
]);

/** TypeScript/Flow wrappers that change a value's static type but not the value. */
export function isTypeWrapper(
  node: Node | null | undefined,
): node is
  | t.TSAsExpression
  | t.TSSatisfiesExpression
  | t.TSNonNullExpression
  | t.TSTypeAssertion
  | t.TypeCastExpression
  | t.ParenthesizedExpression {
  return node !== null && node !== undefined && typeWrappers.has(node.type);
}

/** `(x as T)!` → `x`. */
export function skipTypeWrappers(node: Node): Node {
  let current = node;
  while (isTypeWrapper(current)) current = current.expression;
  return current;
}

/** A `"…"`, `'…'`, number, template without expressions, regex, bigint, boolean or null literal. */
export function isLiteral(node: Node | null | undefined): boolean {
  switch (node?.type) {
    case "StringLiteral":
    case "NumericLiteral":
    case "BooleanLiteral":
    case "NullLiteral":
    case "BigIntLiteral":
    case "RegExpLiteral":
      return true;
    case "TemplateLiteral":
      return node.expressions.length === 0;
    default:
      return false;
  }
}

/** Identifiers and member chains without calls: reading them twice gives the same value. */
export function isStableReference(node: Node): boolean {
  const inner = skipTypeWrappers(node);
  if (inner.type === "Identifier" || inner.type === "ThisExpression" || inner.type === "Super")
    return true;
  if (isMemberLike(inner)) {
    if (inner.computed && !isLiteral(inner.property) && !isStableReference(inner.property))
      return false;
    return isStableReference(inner.object);
  }
  return false;
}
