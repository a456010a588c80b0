import type * as t from "@babel/types";
import {
  isLoopStatement,
  iterationMethodOf,
  repeatsInLoop,
  requestHandlerShape,
} from "../ast/hot-paths.js";
import { isCallLike, isFunctionNode, isMemberLike, propertyName } from "../ast/predicates.js";
import { walk } from "../ast/walk.js";
import { LineIndex } from "./hunk.js";
import { quoteCode } from "./quote.js";
import type { Change, Impact, ImpactNote, Node } from "./types.js";

// How much a change matters, as far as the code shows it (`--sort impact`); never a risk:
//
//   3  an ORM load that asks for no filter and no limit: every row of a table, on every run
//   2  an ORM load inside a loop or a request handler: once per element, or per request
//   1  any other change inside a loop or a request handler
//   0  the rest
//
// Test files (the configuration's `tests` globs) come last whatever their rank: the runner adds
// their `test-code` note, since only it knows the file's path and the configuration.

/** Calls that load rows: each ORM's "every matching row" method, and the builders' table links. */
const LOAD_METHODS = new Set(["findMany", "findAll", "find", "findAndCount", "findAndCountAll"]);
const TABLE_LINKS = new Set(["from", "select", "table", "getMany"]);
/** Links of a query chain that filter or limit what it loads. */
const BOUNDING_LINKS = new Set([
  "where",
  "andWhere",
  "orWhere",
  "whereIn",
  "whereNotIn",
  "whereNull",
  "whereNotNull",
  "whereRaw",
  "whereExists",
  "whereBetween",
  "whereLike",
  "having",
  "limit",
  "take",
  "first",
  "findBy",
  "findAndCountBy",
]);
/** Keys of a load's options object that neither filter nor limit (any other key might). */
const NEUTRAL_OPTIONS = new Set([
  "select",
  "include",
  "omit",
  "relations",
  "relationLoadStrategy",
  "loadEagerRelations",
  "attributes",
  "order",
  "orderBy",
  "sort",
  "columns",
  "with",
  "extras",
  "raw",
  "lean",
  "nest",
  "projection",
  "distinct",
  "skip",
  "offset",
  "cursor",
  "paranoid",
  "transaction",
  "logging",
  "cache",
  "subQuery",
  "group",
]);

/**
 * Adds each change's impact (when it has a note) from the file's original AST: what its range
 * loads, and whether a loop or a request handler encloses it. `isOrm` says which transforms
 * rewrite ORM queries (only their changes can be loads).
 */
export function annotateImpact(
  ast: t.File,
  source: string,
  changes: Change[],
  isOrm: (transform: string) => boolean,
): void {
  if (changes.length === 0) return;
  const lines = new LineIndex(source);
  for (const change of changes) {
    const orm = isOrm(change.transform);
    const notes: ImpactNote[] = [];
    const unbounded = orm ? unboundedLoadIn(ast, source, change.start, change.end) : undefined;
    if (unbounded)
      notes.push({
        id: "unbounded-load",
        reason: `\`${unbounded}\` asks for no filter and no limit: it loads every row of the table`,
      });
    notes.push(...hotPathNotes(ast, lines, change.start, change.end));
    if (notes.length === 0) continue;
    const hot = notes.some((n) => n.id === "in-loop" || n.id === "in-request-handler");
    const rank = unbounded ? 3 : hot ? (orm ? 2 : 1) : 0;
    const impact: Impact = { rank, notes };
    change.impact = impact;
  }
}

/** The nodes that contain `[start, end)`, outermost first (the File, the Program, …). */
function enclosing(ast: t.File, start: number, end: number): Node[] {
  const path: Node[] = [];
  walk(ast, (node) => {
    if ((node.start ?? 0) > start || (node.end ?? 0) < end) return false;
    path.push(node);
    return true;
  });
  return path;
}

/** The loop and request handler around the range, nearest first, each noted once. */
function hotPathNotes(ast: t.File, lines: LineIndex, start: number, end: number): ImpactNote[] {
  const path = enclosing(ast, start, end);
  const notes: ImpactNote[] = [];
  const at = (node: Node) => `line ${lines.position(node.start ?? 0).line}`;
  for (let i = path.length - 1; i > 0; i--) {
    const node = path[i]!;
    const parent = path[i - 1];
    const has = (id: ImpactNote["id"]) => notes.some((n) => n.id === id);
    if (!has("in-loop") && parent && isLoopStatement(parent) && repeatsInLoop(parent, node))
      notes.push({
        id: "in-loop",
        reason: `inside the \`${loopKeyword(parent)}\` loop at ${at(parent)}: it runs once per iteration`,
      });
    if (!isFunctionNode(node)) continue;
    const method = has("in-loop") ? undefined : iterationMethodOf(node, parent);
    if (method)
      notes.push({
        id: "in-loop",
        reason: `inside the callback of \`.${method}(…)\` at ${at(parent!)}: it runs once per element`,
      });
    const handler = has("in-request-handler")
      ? undefined
      : requestHandlerShape(node, parent, path[i - 2]);
    if (handler)
      notes.push({
        id: "in-request-handler",
        reason: `inside a request handler (${handler}) at ${at(node)}: it runs on every request`,
      });
  }
  return notes;
}

function loopKeyword(loop: t.Loop): string {
  switch (loop.type) {
    case "ForStatement":
      return "for";
    case "ForInStatement":
      return "for…in";
    case "ForOfStatement":
      return loop.await ? "for await…of" : "for…of";
    case "WhileStatement":
      return "while";
    case "DoWhileStatement":
      return "do…while";
  }
}

/**
 * The text of a query in `[start, end)` that loads rows and shows no filter or limit (`prisma.user
 * .findMany()`, `User.findAll({ attributes })`, `knex("users")`, `db.select().from(users)`), or
 * undefined. Options the code does not show (a variable, a spread) are taken to bound it.
 */
function unboundedLoadIn(
  ast: t.File,
  source: string,
  start: number,
  end: number,
): string | undefined {
  const parents = new Map<Node, Node | undefined>();
  const calls: Node[] = [];
  walk(ast, (node, parent) => {
    if ((node.end ?? 0) <= start || (node.start ?? 0) >= end) return false;
    parents.set(node, parent);
    if (isCallLike(node) && (node.start ?? 0) >= start && (node.end ?? 0) <= end) calls.push(node);
    return true;
  });
  for (const call of calls) {
    if (!isOutermostOfChain(call, parents)) continue;
    if (isUnboundedLoad(call)) return quoteCode(source.slice(call.start ?? 0, call.end ?? 0));
  }
  return undefined;
}

/** Not a link inside a longer chain: `knex("t")` in `knex("t").where(…)`. */
function isOutermostOfChain(call: Node, parents: ReadonlyMap<Node, Node | undefined>): boolean {
  const member = parents.get(call);
  if (!isMemberLike(member) || member.object !== call) return true;
  const outer = parents.get(member);
  return !(isCallLike(outer) && outer.callee === member);
}

/** The calls of a chain, outermost first: `a.b(x).c(y)` → `c(y)`, `b(x)`. */
function chainCalls(call: Node): Array<t.CallExpression | t.OptionalCallExpression> {
  const links: Array<t.CallExpression | t.OptionalCallExpression> = [];
  let node: Node | undefined = call;
  while (node) {
    if (isCallLike(node)) {
      links.push(node);
      node = node.callee;
    } else if (isMemberLike(node)) node = node.object;
    else if (node.type === "AwaitExpression") node = node.argument;
    else node = undefined;
  }
  return links;
}

function isUnboundedLoad(call: Node): boolean {
  let loads = false;
  for (const link of chainCalls(call)) {
    const name = isMemberLike(link.callee) ? propertyName(link.callee) : undefined;
    if (name !== undefined && BOUNDING_LINKS.has(name)) return false;
    if (name !== undefined && LOAD_METHODS.has(name)) {
      if (!link.arguments.every(isNeutralLoadArgument)) return false;
      loads = true;
    } else if (name !== undefined && TABLE_LINKS.has(name)) loads = true;
    // `knex("users")`, `db("users")`: a table, loaded whole.
    else if (name === undefined && link.arguments[0]?.type === "StringLiteral") loads = true;
  }
  return loads;
}

/** An argument of a load method that shows it filters and limits nothing. */
function isNeutralLoadArgument(argument: Node): boolean {
  switch (argument.type) {
    case "StringLiteral":
    case "NullLiteral":
      return true;
    case "Identifier":
      return argument.name === "undefined";
    case "ObjectExpression":
      return argument.properties.every(
        (p) =>
          p.type !== "SpreadElement" &&
          !p.computed &&
          ((p.key.type === "Identifier" && NEUTRAL_OPTIONS.has(p.key.name)) ||
            (p.key.type === "StringLiteral" && NEUTRAL_OPTIONS.has(p.key.value))),
      );
    default:
      return false;
  }
}
