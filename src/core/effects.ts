import type * as t from "@babel/types";
import {
  isFunctionLike,
  isIdentifier,
  isMemberLike,
  methodCallee,
  type FunctionLike,
} from "../ast/predicates.js";
import { walk } from "../ast/walk.js";
import { end, start, type TransformContext } from "./context.js";
import { parseForeignFunction } from "./foreign-function.js";
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

/**
 * Pure functions that throw for some inputs (`JSON.parse("{")`, `BigInt(1.5)`, `new URL("x")`):
 * over a whole array, one bad element made the eager form throw.
 */
const THROWING_CALLS = new Set([
  "JSON.parse",
  "BigInt",
  "decodeURIComponent",
  "decodeURI",
  "structuredClone",
  "atob",
  "new URL",
]);

/** Constructors that only build a value. */
const PURE_CONSTRUCTORS = new Set([
  "Set",
  "Map",
  "Date",
  "RegExp",
  "Array",
  "URL",
  "URLSearchParams",
  "Error",
  "TypeError",
  "RangeError",
  "SyntaxError",
  "ReferenceError",
  "URIError",
  "EvalError",
  "AggregateError",
]);

export interface CallbackInfo {
  /**
   * `inline`: written at the call; `local`: a function declared in this file; `global`: a
   * well-known pure global (`Boolean`, `Number.isFinite`); `foreign`: declared in another file,
   * found by the project's types; `reference`: unknown body.
   */
  kind: "inline" | "local" | "global" | "foreign" | "reference";
  /** The function node when its body is visible (in another file's tree for `foreign`). */
  fn?: t.Function;
  /** Side effects found in the body, described for messages (empty when none). */
  sideEffects: string[];
  /** What in the body may throw for some element (`throw`, `JSON.parse(…)`), uncaught there. */
  throws: string[];
  /** For `foreign`: the declaring file, as the project's types name it. */
  file?: string;
  /** Functions of other files the body calls, whose bodies were read (with the project's types). */
  read: string[];
}

/** How a callback argument is given, and what its body may do. */
export function analyzeCallback(ctx: TransformContext, arg: Node): CallbackInfo {
  if (isFunctionLike(arg)) return { kind: "inline", fn: arg, ...bodyEffects(ctx, arg) };
  if (isIdentifier(arg)) {
    const fn = localFunction(ctx, arg);
    if (fn) return { kind: "local", fn, ...bodyEffects(ctx, fn) };
  }
  if (isPureFunctionReference(ctx, arg)) {
    const name = ctx.text(arg);
    return {
      kind: "global",
      sideEffects: [],
      throws: THROWING_CALLS.has(name) ? [`\`${name}\``] : [],
      read: [],
    };
  }
  const foreign = foreignFunction(ctx, arg);
  if (foreign)
    return {
      kind: "foreign",
      fn: foreign.fn,
      file: foreign.path,
      ...bodyEffects(foreign.ctx, foreign.fn),
    };
  return { kind: "reference", sideEffects: [], throws: [], read: [] };
}

/** The function another file declares that a reference names, when the project's types find it. */
function foreignFunction(ctx: TransformContext, reference: Node) {
  if (!isIdentifier(reference) && !isMemberLike(reference)) return undefined;
  const declared = ctx.types?.functionOf({ start: start(reference), end: end(reference) });
  return declared && parseForeignFunction(declared);
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

interface BodyEffects {
  sideEffects: string[];
  throws: string[];
  /** Functions of other files whose bodies were read for this one (`isOpen` of src/rules.ts). */
  read: string[];
}

/**
 * Up to three short descriptions each of what in the function's body may have side effects, and
 * of what may throw. A call to a function whose body can be read (declared in this file, or in
 * another one the project's types find) is judged by that body.
 */
function bodyEffects(ctx: TransformContext, fn: Node): BodyEffects {
  // Each function once per parse: nested callbacks ask about the ones inside them, and without
  // this the work would double with every level of nesting.
  const cached = effectsByFunction.get(fn);
  if (cached) return cached;
  const found: BodyEffects = { sideEffects: [], throws: [], read: [] };
  const body = (fn as { body?: Node }).body;
  if (!body) return found;
  const inProgress = analysing.indexOf(fn);
  if (inProgress !== -1) {
    // A function that calls itself (or one that calls it back): its outer reading finds what it
    // does; the readings begun since then lack it, so they are not kept.
    for (const later of analysing.slice(inProgress + 1)) incomplete.add(later);
    return found;
  }
  analysing.push(fn);
  try {
    walk(body, (node) => {
      if (found.sideEffects.length >= 3 && found.throws.length >= 3) return false;
      const called = calledFunction(ctx, node);
      if (called) {
        const inner = bodyEffects(called.ctx, called.fn);
        const name = `${quoteCode(ctx.text((node as t.CallExpression).callee))}(…)`;
        const where = called.ctx === ctx ? "" : ` in ${called.ctx.path}`;
        if (called.ctx !== ctx)
          add(
            found.read,
            `${backticked(quoteCode(ctx.text((node as t.CallExpression).callee)))} of ${called.ctx.path}`,
          );
        for (const other of inner.read) add(found.read, other);
        if (inner.sideEffects.length > 0)
          add(
            found.sideEffects,
            `calls ${backticked(name)}${where} (${inner.sideEffects.join(", ")})`,
          );
        if (inner.throws.length > 0 && !isCaughtWithin(ctx, node, fn))
          add(found.throws, `${backticked(name)}${where}: ${inner.throws.join(", ")}`);
        return undefined;
      }
      const effect = describeEffect(ctx, node);
      if (effect) add(found.sideEffects, effect);
      const thrown = describeThrow(ctx, node, fn);
      if (thrown) add(found.throws, thrown);
      return undefined;
    });
  } finally {
    analysing.pop();
  }
  if (incomplete.has(fn)) incomplete.delete(fn);
  else effectsByFunction.set(fn, found);
  return found;
}

function add(list: string[], description: string): void {
  if (list.length < 3 && !list.includes(description)) list.push(description);
}

/**
 * `isSmall(x)` or, with the project's types, `isValid(x)` imported from another file: the called
 * function, when its body can be read.
 */
function calledFunction(
  ctx: TransformContext,
  node: Node,
): { ctx: TransformContext; fn: Node } | undefined {
  if (node.type !== "CallExpression" || !isIdentifier(node.callee)) return undefined;
  const local = localFunction(ctx, node.callee);
  if (local) return { ctx, fn: local };
  const foreign = foreignFunction(ctx, node.callee);
  return foreign && { ctx: foreign.ctx, fn: foreign.fn };
}

/** `throw …`, or a call that throws for some inputs, unless a `try` in the function catches it. */
function describeThrow(ctx: TransformContext, node: Node, fn: Node): string | undefined {
  let thrown: string | undefined;
  if (node.type === "ThrowStatement") thrown = "`throw`";
  else if (
    node.type === "CallExpression" ||
    node.type === "OptionalCallExpression" ||
    node.type === "NewExpression"
  ) {
    const callee = ctx.text(node.callee);
    const name = node.type === "NewExpression" ? `new ${callee}` : callee;
    if (THROWING_CALLS.has(name) && isGlobalName(ctx, node.callee))
      thrown = backticked(`${quoteCode(name)}(…)`);
  }
  return thrown && !isCaughtWithin(ctx, node, fn) ? thrown : undefined;
}

/** `JSON.parse`, `BigInt`: the global, not a binding of this file. */
function isGlobalName(ctx: TransformContext, callee: Node): boolean {
  const root = isMemberLike(callee) ? callee.object : callee;
  return isIdentifier(root) && !findBinding(ctx, root);
}

/** Inside the `try` block of a `try … catch` that is itself inside `fn`. */
function isCaughtWithin(ctx: TransformContext, node: Node, fn: Node): boolean {
  let child = node;
  for (const ancestor of ctx.ancestors(node)) {
    if (ancestor === fn) return false;
    if (ancestor.type === "TryStatement" && ancestor.block === child && ancestor.handler)
      return true;
    child = ancestor;
  }
  return false;
}

/** Keyed by node: every pass parses anew, so an entry never outlives the tree it describes. */
const effectsByFunction = new WeakMap<Node, BodyEffects>();

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
    case "UnaryExpression":
      return node.operator === "delete" ? backticked(quoteCode(ctx.text(node))) : undefined;
    case "TaggedTemplateExpression":
      return `calls ${backticked(quoteCode(ctx.text(node.tag)))}`;
    case "NewExpression":
      return isIdentifier(node.callee) && PURE_CONSTRUCTORS.has(node.callee.name)
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
const analysing: Node[] = [];
/** Readings that met a function still being read (see bodyEffects). */
const incomplete = new Set<Node>();

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
  if (isFunctionLike(fn)) return bodyEffects(ctx, fn).sideEffects.length === 0;
  if (isPureFunctionReference(ctx, fn)) return true;
  const local = isIdentifier(fn) ? localFunction(ctx, fn) : undefined;
  // `replace`'s second argument is a string more often than a function.
  if (!local) return method === "replace" || method === "replaceAll" ? !isMemberLike(fn) : false;
  // A function that runs itself this way: assume the worst rather than go round.
  if (analysing.includes(local)) return false;
  return bodyEffects(ctx, local).sideEffects.length === 0;
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
