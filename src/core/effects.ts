import type * as t from "@babel/types";
import {
  isFunctionLike,
  isIdentifier,
  isMemberLike,
  methodCallee,
  type FunctionLike,
} from "../ast/predicates.js";
import { walk } from "../ast/walk.js";
import type { TransformContext } from "./context.js";
import { backticked, quoteCode } from "./quote.js";
import { findBinding } from "./scope.js";
import type { Node } from "./types.js";

/** Methods that only read their receiver and arguments (on the built-ins that define them). */
const PURE_METHODS = new Set([
  "includes",
  "indexOf",
  "lastIndexOf",
  "startsWith",
  "endsWith",
  "toLowerCase",
  "toUpperCase",
  "toLocaleLowerCase",
  "toLocaleUpperCase",
  "trim",
  "trimStart",
  "trimEnd",
  "slice",
  "substring",
  "substr",
  "charAt",
  "charCodeAt",
  "codePointAt",
  "at",
  "some",
  "every",
  "find",
  "findIndex",
  "findLast",
  "findLastIndex",
  "filter",
  "map",
  "flat",
  "flatMap",
  "has",
  "get",
  "toString",
  "toFixed",
  "toPrecision",
  "valueOf",
  "localeCompare",
  "padStart",
  "padEnd",
  "repeat",
  "split",
  "concat",
  "join",
  "match",
  "replace",
  "replaceAll",
  "normalize",
  "hasOwnProperty",
  "isPrototypeOf",
  "getTime",
  "getFullYear",
  "getMonth",
  "getDate",
  "getDay",
  "getHours",
  "getMinutes",
  "getSeconds",
  "getMilliseconds",
  "getTimezoneOffset",
  "toISOString",
  "toJSON",
]);

/** Global functions, and `Object.method` style statics, that have no side effects. */
const PURE_FUNCTIONS = new Set([
  "Boolean",
  "Number",
  "String",
  "BigInt",
  "Symbol",
  "parseInt",
  "parseFloat",
  "isNaN",
  "isFinite",
  "encodeURIComponent",
  "decodeURIComponent",
  "encodeURI",
  "decodeURI",
]);

const PURE_STATIC_OWNERS = new Set([
  "Math",
  "Number",
  "Object",
  "Array",
  "String",
  "JSON",
  "Date",
  "Reflect",
]);
const IMPURE_STATICS = new Set([
  "Object.assign",
  "Object.defineProperty",
  "Object.defineProperties",
  "Object.setPrototypeOf",
  "Object.freeze",
  "Object.seal",
  "Object.preventExtensions",
  "Math.random",
  "Reflect.set",
  "Reflect.defineProperty",
  "Reflect.deleteProperty",
  "Reflect.apply",
  "Reflect.construct",
  "Reflect.setPrototypeOf",
]);

/**
 * Methods among the pure ones that call a function they are given (argument index): they are
 * pure only if that function is (`xs.filter(isValid)` runs `isValid`).
 */
const CALLBACK_ARGUMENT: Readonly<Record<string, number>> = {
  some: 0,
  every: 0,
  find: 0,
  findIndex: 0,
  findLast: 0,
  findLastIndex: 0,
  filter: 0,
  map: 0,
  flatMap: 0,
  replace: 1,
  replaceAll: 1,
  "Array.from": 1,
};

export interface CallbackInfo {
  /** `inline`: written at the call; `local`: a function declared in this file; `reference`: unknown body. */
  kind: "inline" | "local" | "reference";
  /** The function node when its body is visible. */
  fn?: FunctionLike | t.FunctionDeclaration;
  /** Side effects found in the body, described for messages (empty when none). */
  sideEffects: string[];
}

/** How a callback argument is given, and what its body may do. */
export function analyzeCallback(ctx: TransformContext, arg: Node): CallbackInfo {
  if (isFunctionLike(arg)) return { kind: "inline", fn: arg, sideEffects: sideEffectsOf(ctx, arg) };
  if (isIdentifier(arg)) {
    const fn = localFunction(ctx, arg);
    if (fn) return { kind: "local", fn, sideEffects: sideEffectsOf(ctx, fn) };
  }
  return { kind: "reference", sideEffects: [] };
}

/** `function isOpen(x) {…}` or `const isOpen = (x) => …` declared in this file and never reassigned. */
function localFunction(
  ctx: TransformContext,
  id: t.Identifier,
): FunctionLike | t.FunctionDeclaration | undefined {
  const binding = findBinding(ctx, id);
  if (!binding) return undefined;
  if (binding.kind === "function" && binding.owner?.type === "FunctionDeclaration")
    return binding.owner;
  if (
    binding.kind === "const" &&
    binding.declarator?.id === binding.id &&
    isFunctionLike(binding.declarator.init)
  ) {
    return binding.declarator.init;
  }
  return undefined;
}

/** Up to three short descriptions of what in the function's body may have side effects. */
function sideEffectsOf(ctx: TransformContext, fn: Node): string[] {
  // Each function once per parse: nested callbacks ask about the ones inside them, and without
  // this the work would double with every level of nesting.
  const cached = effectsByFunction.get(fn);
  if (cached) return cached;
  const found: string[] = [];
  const body = (fn as { body?: Node }).body;
  if (!body) return found;
  walk(body, (node) => {
    if (found.length >= 3) return false;
    const effect = describeEffect(ctx, node);
    if (effect) found.push(effect);
    return undefined;
  });
  effectsByFunction.set(fn, found);
  return found;
}

/** Keyed by node: every pass parses anew, so an entry never outlives the tree it describes. */
const effectsByFunction = new WeakMap<Node, string[]>();

/** Whether an expression may have side effects when evaluated (calls, assignments…). */
export function hasSideEffects(ctx: TransformContext, node: Node): boolean {
  let found = false;
  walk(node, (inner) => {
    if (found) return false;
    if (isFunctionLike(inner)) return false; // creating a function runs nothing
    if (describeEffect(ctx, inner)) found = true;
    return undefined;
  });
  return found;
}

function describeEffect(ctx: TransformContext, node: Node): string | undefined {
  switch (node.type) {
    case "AssignmentExpression":
      return `assigns ${backticked(quoteCode(ctx.text(node.left)))}`;
    case "UpdateExpression":
      return backticked(quoteCode(ctx.text(node)));
    case "AwaitExpression":
      return "`await`";
    case "YieldExpression":
      return "`yield`";
    case "ThrowStatement":
      return "`throw`";
    case "UnaryExpression":
      return node.operator === "delete" ? backticked(quoteCode(ctx.text(node))) : undefined;
    case "TaggedTemplateExpression":
      return `calls ${backticked(quoteCode(ctx.text(node.tag)))}`;
    case "NewExpression":
      return isIdentifier(node.callee) &&
        ["Set", "Map", "Date", "RegExp", "Array"].includes(node.callee.name)
        ? undefined
        : `calls ${backticked(`new ${quoteCode(ctx.text(node.callee))}`)}`;
    case "CallExpression":
    case "OptionalCallExpression":
      return isPureCall(node) && callsOnlyPureFunctions(ctx, node)
        ? undefined
        : `calls ${backticked(`${quoteCode(ctx.text(node.callee))}(…)`)}`;
    default:
      return undefined;
  }
}

/** Local functions being analysed, so that a recursive one does not recurse here forever. */
const analysing = new Set<Node>();

/** The function a pure higher-order call runs, if any, has no side effects itself. */
function callsOnlyPureFunctions(
  ctx: TransformContext,
  call: t.CallExpression | t.OptionalCallExpression,
): boolean {
  const member = methodCallee(call);
  if (!member) return true;
  const method = member.property.name;
  const owner = isIdentifier(member.object) ? member.object.name : undefined;
  const isStatic = owner !== undefined && PURE_STATIC_OWNERS.has(owner);
  const index = CALLBACK_ARGUMENT[isStatic ? `${owner}.${method}` : method];
  const fn = index === undefined ? undefined : call.arguments[index];
  if (!fn) return true;
  // Inline: walked here, since hasSideEffects does not enter function bodies on its own.
  if (isFunctionLike(fn)) return sideEffectsOf(ctx, fn).length === 0;
  if (isPureFunctionReference(ctx, fn)) return true;
  const local = isIdentifier(fn) ? localFunction(ctx, fn) : undefined;
  // `replace`'s second argument is a string more often than a function.
  if (!local) return method === "replace" || method === "replaceAll" ? !isMemberLike(fn) : false;
  if (analysing.has(local)) return false;
  analysing.add(local);
  try {
    return sideEffectsOf(ctx, local).length === 0;
  } finally {
    analysing.delete(local);
  }
}

/** `Boolean`, `Number.isInteger`, `Math.abs`…: a global function known to have no side effects. */
function isPureFunctionReference(ctx: TransformContext, node: Node): boolean {
  if (isIdentifier(node)) return PURE_FUNCTIONS.has(node.name) && !findBinding(ctx, node);
  if (!isMemberLike(node) || node.computed || !isIdentifier(node.object)) return false;
  const name = node.property.type === "Identifier" ? node.property.name : "";
  return (
    PURE_STATIC_OWNERS.has(node.object.name) &&
    !IMPURE_STATICS.has(`${node.object.name}.${name}`) &&
    !findBinding(ctx, node.object)
  );
}

function isPureCall(call: t.CallExpression | t.OptionalCallExpression): boolean {
  const callee = call.callee;
  if (isIdentifier(callee)) return PURE_FUNCTIONS.has(callee.name);
  if (!isMemberLike(callee)) return false;
  const member = methodCallee(call);
  if (!member) return false;
  const method = member.property.name;
  if (isIdentifier(member.object) && PURE_STATIC_OWNERS.has(member.object.name)) {
    return !IMPURE_STATICS.has(`${member.object.name}.${method}`);
  }
  if (method === "test" || method === "exec") {
    // A global or sticky regex keeps state in `lastIndex`.
    return member.object.type === "RegExpLiteral" && !/[gy]/.test(member.object.flags);
  }
  return PURE_METHODS.has(method);
}
