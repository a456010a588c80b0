import type * as t from "@babel/types";
import {
  isCallLike,
  isIdentifier,
  isMemberLike,
  isStaticCall,
  methodCallee,
  propertyName,
  skipTypeWrappers,
} from "../ast/predicates.js";
import { end, start, type TransformContext } from "./context.js";
import { declaredTypeOf, resolveType } from "./declared-type.js";
import type { TypeMember } from "./type-facts.js";
import { bindingUses, findBinding } from "./scope.js";
import type { Node } from "./types.js";

/**
 * What a value provably is, from this file alone:
 * - array/set/map/string/number: provably that;
 * - other: provably something else (object literal, jQuery object, DOM list…);
 * - unknown: could be anything, including an array.
 */
type ValueKind = "array" | "set" | "map" | "string" | "number" | "other" | "unknown";

export interface ValueEvidence {
  kind: ValueKind;
  /** Why, for messages: "array literal", "`Set<string>` annotation"… */
  because: string;
}

const unknown: ValueEvidence = { kind: "unknown", because: "nothing in this file says what it is" };

/** Methods that return a new array when called on an array. */
const ARRAY_RETURNING_METHODS = new Set([
  "map",
  "filter",
  "slice",
  "concat",
  "flat",
  "flatMap",
  "toSorted",
  "toReversed",
  "toSpliced",
  "with",
]);

/** Methods that return a string whatever they are called on, in practice. */
const STRING_RETURNING_METHODS = new Set([
  "toLowerCase",
  "toUpperCase",
  "toLocaleLowerCase",
  "toLocaleUpperCase",
  "trim",
  "trimStart",
  "trimEnd",
  "padStart",
  "padEnd",
  "normalize",
  "repeat",
  "replace",
  "replaceAll",
  "substring",
  "charAt",
  "toFixed",
  "toPrecision",
  "toISOString",
  "join",
]);

/** Methods that sort in place and return the same array. */
const ARRAY_SELF_RETURNING_METHODS = new Set(["sort", "reverse", "fill", "copyWithin"]);

const STATIC_ARRAY_CALLS: ReadonlyArray<[string, string]> = [
  ["Object", "keys"],
  ["Object", "values"],
  ["Object", "entries"],
  ["Object", "getOwnPropertyNames"],
  ["Array", "from"],
  ["Array", "of"],
  ["Reflect", "ownKeys"],
];

/** Whether this file proves the expression is an array (literal, annotation, array-returning call…). */
export function isProvablyArray(ctx: TransformContext, node: Node): boolean {
  return valueKind(ctx, node).kind === "array";
}

/** Whether the value could be a number (so `NaN`), as far as this file says: no for a string, an array… */
export function mayBeNumber(ctx: TransformContext, node: Node): boolean {
  const kind = valueKind(ctx, node).kind;
  return kind === "number" || kind === "unknown";
}

/**
 * The value's type, when the project's types prove it no number (a string, an object…): so it is
 * never `NaN`. Undefined where types cannot say, or say it may be a number.
 */
export function nonNumberType(ctx: TransformContext, node: Node): string | undefined {
  const view = ctx.types?.typeOf({ start: start(node), end: end(node) });
  if (!view || view.unknown) return undefined;
  // A number literal type (`1 | 2`) is no `NaN` either.
  const neverNaN = (member: TypeMember) => member.kind !== "number" || /^-?\d/.test(member.text);
  return view.members.every(neverNaN) ? view.text : undefined;
}

/** The kind of value an expression evaluates to, as far as this file proves it. */
export function valueKind(ctx: TransformContext, node: Node, depth = 0): ValueEvidence {
  if (depth > 8) return unknown;
  const raw = node;
  if (
    raw.type === "TSAsExpression" ||
    raw.type === "TSSatisfiesExpression" ||
    raw.type === "TSTypeAssertion"
  ) {
    const fromType = kindOfType(ctx, raw.typeAnnotation);
    if (fromType.kind !== "unknown") return fromType;
  }
  const expr = skipTypeWrappers(node);
  switch (expr.type) {
    case "ArrayExpression":
      return { kind: "array", because: "array literal" };
    case "StringLiteral":
    case "TemplateLiteral":
      return { kind: "string", because: "string literal" };
    case "NumericLiteral":
      return { kind: "number", because: "number literal" };
    case "ObjectExpression":
    case "BooleanLiteral":
    case "ArrowFunctionExpression":
    case "FunctionExpression":
    case "ClassExpression":
      return { kind: "other", because: "not an array literal" };
    case "NewExpression":
      return kindOfConstructor(ctx, expr);
    case "Identifier":
      if (isJQueryName(expr.name))
        return { kind: "other", because: "a `$`-prefixed name (jQuery-style)" };
      return kindOfIdentifier(ctx, expr, depth);
    case "ThisExpression":
      return kindOfThis(ctx, expr);
    case "ConditionalExpression": {
      const a = valueKind(ctx, expr.consequent, depth + 1);
      const b = valueKind(ctx, expr.alternate, depth + 1);
      return a.kind === b.kind ? a : unknown;
    }
    case "AwaitExpression":
      // `await Promise.all(ps)`: an array of the results.
      return isPromiseCombinator(ctx, expr.argument)
        ? { kind: "array", because: "`await Promise.all(…)`" }
        : unknown;
    case "LogicalExpression": {
      // `(xs ?? [])`, `(xs || [])`: the fallback says what the value is meant to be.
      const fallback = valueKind(ctx, expr.right, depth + 1);
      const value = valueKind(ctx, expr.left, depth + 1);
      if (
        expr.operator !== "&&" &&
        fallback.kind === "array" &&
        (value.kind === "array" || value.kind === "unknown")
      ) {
        return { kind: "array", because: "defaults to an array" };
      }
      return unknown;
    }
    default:
      break;
  }
  if (isMemberLike(expr)) return kindOfMember(ctx, expr);
  if (isCallLike(expr)) return kindOfCall(ctx, expr, depth);
  return unknown;
}

/** Typed arrays: the same `filter`/`some`/`find`/`every` as arrays, but `map` coerces what it returns. */
export const TYPED_ARRAYS: ReadonlySet<string> = new Set([
  "Int8Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "Int16Array",
  "Uint16Array",
  "Int32Array",
  "Uint32Array",
  "Float32Array",
  "Float64Array",
  "BigInt64Array",
  "BigUint64Array",
]);

function kindOfConstructor(ctx: TransformContext, expr: t.NewExpression): ValueEvidence {
  if (expr.callee.type !== "Identifier") return unknown;
  const name = expr.callee.name;
  const declared = findBinding(ctx, expr.callee);
  const owner = declared?.owner;
  if (owner && (owner.type === "ClassDeclaration" || owner.type === "ClassExpression")) {
    return kindOfClassInstance(owner, `an instance of class \`${name}\``);
  }
  if (declared && declared.kind !== "import") return unknown;
  // Typed arrays have the same `filter`/`some`/`find`/`every` methods as arrays.
  if (name === "Array" || TYPED_ARRAYS.has(name))
    return { kind: "array", because: `\`new ${name}(…)\`` };
  if (name === "Set") return { kind: "set", because: "`new Set(…)`" };
  if (name === "Map") return { kind: "map", because: "`new Map(…)`" };
  // Any other class builds an array only if it extends Array, which imported classes rarely do.
  return /^[A-Z]/.test(name) ? { kind: "other", because: `an instance of \`${name}\`` } : unknown;
}

/** No superclass: not an array; `extends Array`: an array; another superclass: unknown. */
function kindOfClassInstance(
  owner: t.ClassDeclaration | t.ClassExpression,
  because: string,
): ValueEvidence {
  if (!owner.superClass) return { kind: "other", because };
  if (owner.superClass.type === "Identifier" && owner.superClass.name === "Array") {
    return { kind: "array", because: `${because}, which extends Array` };
  }
  return unknown;
}

/** `this` in a class method is an instance of that class. */
function kindOfThis(ctx: TransformContext, expr: t.ThisExpression): ValueEvidence {
  for (const ancestor of ctx.ancestors(expr)) {
    if (
      ancestor.type === "FunctionDeclaration" ||
      ancestor.type === "FunctionExpression" ||
      ancestor.type === "ObjectMethod"
    ) {
      return unknown;
    }
    if (ancestor.type === "ClassDeclaration" || ancestor.type === "ClassExpression") {
      return kindOfClassInstance(ancestor, "`this` of a class");
    }
  }
  return unknown;
}

function kindOfCall(
  ctx: TransformContext,
  call: t.CallExpression | t.OptionalCallExpression,
  depth: number,
): ValueEvidence {
  for (const [object, method] of STATIC_ARRAY_CALLS) {
    if (isStaticCall(call, object, method))
      return { kind: "array", because: `\`${object}.${method}(…)\` returns an array` };
  }
  if (isIdentifier(call.callee) && (call.callee.name === "$" || call.callee.name === "jQuery")) {
    return { kind: "other", because: "a jQuery object" };
  }
  if (isIdentifier(call.callee, "String") && !findBinding(ctx, call.callee))
    return { kind: "string", because: "`String(…)`" };
  const callee = methodCallee(call);
  if (!callee) return unknown;
  const method = callee.property.name;
  if (method === "split") return { kind: "array", because: "`.split(…)` returns an array" };
  if (STRING_RETURNING_METHODS.has(method))
    return { kind: "string", because: `\`.${method}(…)\` returns a string` };
  if (
    method === "querySelectorAll" ||
    method === "getElementsByClassName" ||
    method === "getElementsByTagName"
  ) {
    return { kind: "other", because: "a DOM collection, not an array" };
  }
  if (method === "keys" || method === "values" || method === "entries") {
    const owner = valueKind(ctx, callee.object, depth + 1);
    if (owner.kind === "map" || owner.kind === "set")
      return { kind: "other", because: `an iterator of a ${owner.kind}` };
    return unknown;
  }
  if (ARRAY_RETURNING_METHODS.has(method) || ARRAY_SELF_RETURNING_METHODS.has(method)) {
    const owner = valueKind(ctx, callee.object, depth + 1);
    if (owner.kind === "array") return { kind: "array", because: `\`.${method}(…)\` of an array` };
    // `.map(fn)`/`.filter(fn)` with a function argument is the array method in practice.
    if (
      owner.kind === "unknown" &&
      ARRAY_RETURNING_METHODS.has(method) &&
      hasFunctionArgument(call)
    ) {
      return { kind: "array", because: `\`.${method}(…)\` returns an array` };
    }
    if (owner.kind === "unknown" && (method === "slice" || method === "concat")) {
      return unknown;
    }
    if (owner.kind !== "unknown")
      return { kind: "other", because: `\`.${method}(…)\` of ${owner.because}` };
  }
  return unknown;
}

function hasFunctionArgument(call: t.CallExpression | t.OptionalCallExpression): boolean {
  const first = call.arguments[0];
  return first?.type === "ArrowFunctionExpression" || first?.type === "FunctionExpression";
}

function kindOfMember(
  ctx: TransformContext,
  member: t.MemberExpression | t.OptionalMemberExpression,
): ValueEvidence {
  const name = propertyName(member);
  if (name !== undefined && isJQueryName(name))
    return { kind: "other", because: "a `$`-prefixed property" };
  // `this.items` with a field `items: Item[]`, `store.items` with `store: Store` declared here.
  const declared = declaredTypeOf(ctx, member);
  return declared ? kindOfType(ctx, declared) : unknown;
}

function kindOfIdentifier(ctx: TransformContext, id: t.Identifier, depth: number): ValueEvidence {
  const binding = findBinding(ctx, id);
  if (!binding) return unknown;
  // An annotation, a destructured annotated parameter, a callback's element, a `useState<T[]>`.
  const declared = declaredTypeOf(ctx, id);
  if (declared) {
    const kind = kindOfType(ctx, declared);
    if (kind.kind !== "unknown") return kind;
  }
  const declarator = binding.declarator;
  if (!declarator || declarator.id !== binding.id || !declarator.init) return unknown;
  if (binding.kind !== "const") {
    // `let`/`var`: the initial value only counts if nothing ever assigns another one.
    const uses = bindingUses(ctx, binding);
    if (!uses || uses.writes.length > 0) return unknown;
  }
  const kind = valueKind(ctx, declarator.init, depth + 1);
  if (kind.kind === "unknown") return kind;
  return { kind: kind.kind, because: `\`${id.name}\` is initialised with ${kind.because}` };
}

/**
 * `T[]`, `Array<T>`, `ReadonlyArray<T>`, `readonly T[]`, tuples, `Set<T>`, `Map<K, V>`, `string`,
 * `number`; a type alias, interface or class this file declares, followed to what it is.
 */
function kindOfType(
  ctx: TransformContext,
  written: Node | null | undefined,
  depth = 0,
): ValueEvidence {
  if (!written || depth > 8) return unknown;
  const type = resolveType(ctx, written);
  if (!type) return unknown;
  switch (type.type) {
    case "TSArrayType":
    case "TSTupleType":
      return { kind: "array", because: "an array type annotation" };
    case "TSTypeOperator":
      return type.operator === "readonly"
        ? kindOfType(ctx, type.typeAnnotation, depth + 1)
        : unknown;
    case "TSStringKeyword":
      return { kind: "string", because: "a `string` annotation" };
    case "TSNumberKeyword":
      return { kind: "number", because: "a `number` annotation" };
    case "TSLiteralType":
      if (type.literal.type === "StringLiteral" || type.literal.type === "TemplateLiteral")
        return { kind: "string", because: "a string literal type" };
      return type.literal.type === "NumericLiteral"
        ? { kind: "number", because: "a number literal type" }
        : unknown;
    case "TSTypeLiteral":
      return { kind: "other", because: "an object type" };
    case "TSInterfaceDeclaration":
      // An interface that extends nothing is no array (one that extends `Array` could be).
      return type.extends?.length
        ? unknown
        : { kind: "other", because: `interface \`${type.id.name}\`` };
    case "ClassDeclaration":
    case "ClassExpression":
      return kindOfClassInstance(
        type,
        `an instance of class \`${type.id?.name ?? "(anonymous)"}\``,
      );
    case "TSUnionType": {
      // `T[] | undefined` is an array wherever it is not nullish.
      const kinds = type.types
        .filter((member) => member.type !== "TSUndefinedKeyword" && member.type !== "TSNullKeyword")
        .map((member) => kindOfType(ctx, member, depth + 1));
      const first = kinds[0];
      return first && kinds.every((k) => k.kind === first.kind) ? first : unknown;
    }
    case "TSTypeReference": {
      if (type.typeName.type !== "Identifier") return unknown;
      switch (type.typeName.name) {
        case "Array":
        case "ReadonlyArray":
          return { kind: "array", because: `an \`${type.typeName.name}<…>\` annotation` };
        case "Set":
        case "ReadonlySet":
          return { kind: "set", because: `a \`${type.typeName.name}<…>\` annotation` };
        case "Map":
        case "ReadonlyMap":
          return { kind: "map", because: `a \`${type.typeName.name}<…>\` annotation` };
        case "WeakSet":
        case "WeakMap":
        case "NodeList":
        case "NodeListOf":
        case "HTMLCollection":
        case "Promise":
          return { kind: "other", because: `a \`${type.typeName.name}\` annotation` };
        default:
          return unknown;
      }
    }
    default:
      return unknown;
  }
}

/** `Promise.all(…)` or `Promise.allSettled(…)`, with the global `Promise`. */
function isPromiseCombinator(ctx: TransformContext, node: Node): boolean {
  const call = skipTypeWrappers(node);
  return (
    (isStaticCall(call, "Promise", "all") || isStaticCall(call, "Promise", "allSettled")) &&
    !findBinding(ctx, (call.callee as t.MemberExpression).object as t.Identifier)
  );
}

function isJQueryName(name: string): boolean {
  return name === "$" || name === "jQuery" || /^\$[A-Za-z_]/.test(name);
}
