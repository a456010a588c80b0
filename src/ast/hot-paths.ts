import type * as t from "@babel/types";
import type { Node } from "../core/types.js";
import {
  isCallLike,
  isFunctionNode,
  isIdentifier,
  isMemberLike,
  propertyName,
} from "./predicates.js";

// Where code runs more than once per request or per call: the places `--sort impact` ranks first.

export function isLoopStatement(node: Node): node is t.Loop {
  switch (node.type) {
    case "ForStatement":
    case "ForInStatement":
    case "ForOfStatement":
    case "WhileStatement":
    case "DoWhileStatement":
      return true;
    default:
      return false;
  }
}

/**
 * Whether `child` (a direct child of `loop`) runs once per iteration: the body, a `for`'s test and
 * update, a `while`'s test. Not `for (…; …)`'s init, nor the iterated expression of `for…of` /
 * `for…in`, which run once.
 */
export function repeatsInLoop(loop: t.Loop, child: Node): boolean {
  if (loop.body === child) return true;
  switch (loop.type) {
    case "ForStatement":
      return loop.test === child || loop.update === child;
    case "WhileStatement":
    case "DoWhileStatement":
      return loop.test === child;
    default:
      return false;
  }
}

/** Array methods that call their callback once per element. */
const ITERATION_METHODS = new Set([
  "forEach",
  "map",
  "flatMap",
  "filter",
  "reduce",
  "reduceRight",
  "some",
  "every",
  "find",
  "findIndex",
  "findLast",
  "findLastIndex",
]);

/** `xs.map((x) => …)`: the iteration method's name when `fn` is its callback, else undefined. */
export function iterationMethodOf(fn: Node, parent: Node | undefined): string | undefined {
  if (!isCallLike(parent) || !parent.arguments.includes(fn as t.Expression)) return undefined;
  if (!isMemberLike(parent.callee)) return undefined;
  const name = propertyName(parent.callee);
  return name !== undefined && ITERATION_METHODS.has(name) ? name : undefined;
}

/** Router methods that register a handler for a path: `app.get("/users", handler)`. */
const ROUTE_METHODS = new Set([
  "get",
  "post",
  "put",
  "patch",
  "delete",
  "del",
  "all",
  "head",
  "options",
  "use",
]);

/** HTTP verbs as exported route handlers (Next.js, SvelteKit, Astro): `export async function GET`. */
const ROUTE_EXPORTS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

/** Decorators of a controller method (NestJS, routing-controllers): `@Get()`. */
const ROUTE_DECORATORS = new Set([
  "Get",
  "Post",
  "Put",
  "Patch",
  "Delete",
  "All",
  "Head",
  "Options",
]);

const REQUEST_NAMES = new Set(["req", "request", "ctx", "context", "event"]);
const RESPONSE_NAMES = new Set(["res", "response", "reply", "h", "next"]);

/**
 * How the code shows that a function handles a request (said for a message, code in backticks),
 * or undefined: a callback registered for
 * a path (`app.get("/users", …)`, `router.post(…)`, a `handler` next to a `url` in fastify's
 * `route({…})`), an exported HTTP verb (`export async function GET`), a method decorated `@Get()`
 * and the like, or a function whose first two parameters are a request and a response
 * (`(req, res)`, `(request, reply)`).
 */
export function requestHandlerShape(
  fn: Node,
  parent: Node | undefined,
  grandparent: Node | undefined,
): string | undefined {
  if (!isFunctionNode(fn)) return undefined;
  const route = routeRegistration(fn, parent, grandparent);
  if (route) return route;
  if (fn.type === "FunctionDeclaration" && fn.id && ROUTE_EXPORTS.has(fn.id.name)) {
    if (parent?.type === "ExportNamedDeclaration") return `\`export function ${fn.id.name}\``;
  }
  if (fn.type === "ClassMethod" || fn.type === "ClassPrivateMethod") {
    const decorator = (fn.decorators ?? []).map((d) => decoratorName(d.expression)).find(Boolean);
    if (decorator) return `a \`@${decorator}()\` method`;
  }
  const [first, second] = fn.params;
  if (
    isIdentifier(first) &&
    isIdentifier(second) &&
    REQUEST_NAMES.has(first.name) &&
    RESPONSE_NAMES.has(second.name)
  )
    return `a function of \`(${first.name}, ${second.name})\``;
  return undefined;
}

function routeRegistration(
  fn: t.Function,
  parent: Node | undefined,
  grandparent: Node | undefined,
): string | undefined {
  if (isCallLike(parent) && parent.arguments.includes(fn as t.Expression)) {
    if (!isMemberLike(parent.callee)) return undefined;
    const method = propertyName(parent.callee);
    const path = parent.arguments[0];
    if (method === undefined || !ROUTE_METHODS.has(method) || path === fn) return undefined;
    const text =
      path?.type === "StringLiteral"
        ? path.value
        : path?.type === "TemplateLiteral"
          ? (path.quasis[0]?.value.cooked ?? "")
          : undefined;
    return text?.startsWith("/") ? `\`.${method}(${JSON.stringify(text)}, …)\`` : undefined;
  }
  // fastify.route({ method: "GET", url: "/users", handler: async (request, reply) => … })
  if (parent?.type === "ObjectProperty" && parent.value === fn && grandparent) {
    const key = parent.key;
    const isHandler = !parent.computed && isIdentifier(key, "handler");
    if (!isHandler || grandparent.type !== "ObjectExpression") return undefined;
    const routed = grandparent.properties.some(
      (p) =>
        p.type === "ObjectProperty" &&
        !p.computed &&
        p.key.type === "Identifier" &&
        (p.key.name === "url" || p.key.name === "path"),
    );
    return routed ? "the `handler` of a route with a `url`" : undefined;
  }
  return undefined;
}

function decoratorName(expression: Node): string | undefined {
  const callee = isCallLike(expression) ? expression.callee : expression;
  return isIdentifier(callee) && ROUTE_DECORATORS.has(callee.name) ? callee.name : undefined;
}
