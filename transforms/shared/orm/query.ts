import type * as t from "@babel/types";
import {
  isCallLike,
  isIdentifier,
  isMemberLike,
  isNumberLiteral,
  skipTypeWrappers,
  type CallLike,
  type MemberLike,
} from "../../../src/ast/predicates.js";
import { end, start, type TransformContext } from "../../../src/core/context.js";
import type { OrmKind } from "./settings.js";
import { quoteCode } from "../../../src/core/quote.js";
import type { Node, Piece, RiskReason } from "../../../src/core/types.js";
import { objectBody, objectLiteral, sliceRange } from "../../../src/fix/index.js";
import type { Evidence } from "./evidence.js";
import { OrmRisk } from "./risk.js";

/** What the rows are needed for: the lazy query each ORM builds answers exactly that. */
export type Goal =
  | { kind: "exists" }
  | { kind: "count" }
  | { kind: "first" }
  | { kind: "select"; props: readonly string[] }
  | { kind: "cursor"; loop: t.ForOfStatement };

/**
 * What `await <lazy call>` evaluates to:
 * - rows: still an array (the query was limited to one row), so the uses stay as they are;
 * - number, boolean: a count, an existence flag;
 * - row-or-null / row-or-undefined: the first row, or that value when none matched;
 * - doc-or-null: Mongoose `exists` (`{ _id }` or `null` since v6; `true`/`false` before);
 * - count-row: Knex `{ count }`, read with `Number(….count)`.
 */
export type LazyResult =
  "rows" | "number" | "boolean" | "row-or-null" | "row-or-undefined" | "doc-or-null" | "count-row";

export interface Plan {
  /** The lazy expression that replaces the eager one (the query's node). */
  call: Piece[];
  result: LazyResult;
  /** ORM-specific reasons (the shared ones are added by `planReasons`). */
  reasons: RiskReason[];
  /** Set when the lazy query is another operation, for hooks: "`count` instead of `findMany`". */
  operationChange?: string;
}

/** An eager ORM load: a call whose awaited value is every matching row. */
export interface OrmQuery {
  orm: OrmKind;
  evidence: Evidence;
  /** The eager expression (the outermost call of the chain). */
  node: CallLike;
  /** Short text naming the query, for messages: `prisma.student.findMany`. */
  label: string;
  /** Already asks for at most one row (`take: 1`, `.limit(1)`): nothing to gain. */
  limitedToOne: boolean;
  /** The transaction the query runs in, if it visibly does: `tx`, `transaction: t`… */
  transaction?: string;
  /**
   * The lazy query for a goal, or undefined when this ORM (or this query's shape) has none. A
   * plan that calls another method on the receiver names it through `method` (the ORM's name in,
   * the name to write out: a configured wrapper's own).
   */
  plan(goal: Goal, method?: MethodName): Plan | undefined;
}

/** The name a lazy method is written with, given the ORM's own name for it. */
export type MethodName = (ormMethod: string) => string;

export const ormMethodName: MethodName = (ormMethod) => ormMethod;

// ─── Options objects ───────────────────────────────────────────────────────────────────────

/** An options argument: absent, an object literal whose keys are all known, or anything else. */
export type Options =
  | { kind: "none" }
  | { kind: "literal"; node: t.ObjectExpression; props: ReadonlyMap<string, t.ObjectProperty> }
  | { kind: "opaque"; node: Node; cause: OpaqueCause };

/** Why the keys of an options argument cannot be read, and the code that stops it. */
export type OpaqueCause =
  /** `repo.find(options)`, `repo.find(buildOptions())`: not an object literal. */
  | { kind: "not-literal"; node: Node }
  /** `{ where, ...options }` */
  | { kind: "spread"; node: t.SpreadElement }
  /** `{ [key]: value }` (or a key that is not a name, string or number) */
  | { kind: "computed-key"; node: t.ObjectProperty | t.ObjectMethod }
  /** `{ where() {…} }`, `{ get where() {…} }` */
  | { kind: "method"; node: t.ObjectMethod }
  /** `{ where: a, where: b }` */
  | { kind: "duplicate-key"; name: string; node: t.ObjectProperty };

/**
 * Reads an options argument. A literal with a spread, a computed key, a method or accessor, or a
 * key given twice is opaque, with that cause.
 */
export function readOptions(arg: Node | undefined): Options {
  if (!arg) return { kind: "none" };
  const inner = skipTypeWrappers(arg);
  const opaque = (cause: OpaqueCause): Options => ({ kind: "opaque", node: arg, cause });
  if (inner.type !== "ObjectExpression") return opaque({ kind: "not-literal", node: arg });
  const props = new Map<string, t.ObjectProperty>();
  for (const prop of inner.properties) {
    if (prop.type === "SpreadElement") return opaque({ kind: "spread", node: prop });
    const name = prop.computed ? undefined : keyName(prop.key);
    if (name === undefined) return opaque({ kind: "computed-key", node: prop });
    if (prop.type === "ObjectMethod") return opaque({ kind: "method", node: prop });
    if (props.has(name)) return opaque({ kind: "duplicate-key", name, node: prop });
    props.set(name, prop);
  }
  return { kind: "literal", node: inner, props };
}

function keyName(key: Node): string | undefined {
  if (key.type === "Identifier") return key.name;
  if (key.type === "StringLiteral") return key.value;
  if (key.type === "NumericLiteral") return String(key.value);
  return undefined;
}

/** The risk reason of options whose keys cannot be checked, naming what stops it. */
export function opaqueOptionsReasons(ctx: TransformContext, options: Options): RiskReason[] {
  if (options.kind !== "opaque") return [];
  const { cause } = options;
  switch (cause.kind) {
    case "not-literal":
      return [{ id: OrmRisk["options-not-literal"], detail: quoteCode(ctx.text(cause.node)) }];
    case "spread":
      return [{ id: OrmRisk["options-spread"], detail: quoteCode(ctx.text(cause.node)) }];
    case "computed-key":
      return [{ id: OrmRisk["options-computed-key"], detail: quoteCode(ctx.text(cause.node)) }];
    case "method":
      return [{ id: OrmRisk["options-method"], detail: quoteCode(ctx.text(cause.node)) }];
    case "duplicate-key":
      return [{ id: OrmRisk["options-duplicate-key"], detail: cause.name }];
  }
}

/** Whether a literal's keys are all among `known` (an unknown key may change the meaning). */
export function hasOnlyKeys(options: Options, known: ReadonlySet<string>): boolean {
  return options.kind !== "literal" || [...options.props.keys()].every((k) => known.has(k));
}

export function optionValue(options: Options, key: string): Node | undefined {
  return options.kind === "literal" ? options.props.get(key)?.value : undefined;
}

/** `take: 1`, `limit: 1` (or -1 for Prisma's "last"). */
export function isOneLiteral(node: Node | undefined): boolean {
  return !!node && (isNumberLiteral(skipTypeWrappers(node), 1) || isNumberLiteral(node, -1));
}

export function isPositiveIntegerLiteral(node: Node | undefined): boolean {
  const inner = node && skipTypeWrappers(node);
  return inner?.type === "NumericLiteral" && Number.isInteger(inner.value) && inner.value >= 1;
}

// ─── Text edits inside the query ───────────────────────────────────────────────────────────

/** A replacement of `[start, end)` in the original text. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The node's text with the edits applied, as slices of the original plus the new strings. */
export function editedPieces(node: Node, edits: readonly Edit[]): Piece[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const pieces: Piece[] = [];
  let cursor = start(node);
  for (const edit of sorted) {
    if (edit.start < cursor) throw new Error("overlapping edits inside one ORM query");
    if (edit.start > cursor) pieces.push(sliceRange(cursor, edit.start));
    if (edit.text) pieces.push(edit.text);
    cursor = edit.end;
  }
  if (cursor < end(node)) pieces.push(sliceRange(cursor, end(node)));
  return pieces;
}

/** Renames `recv.method(…)`'s method. */
export function renameMethod(callee: MemberLike, name: string): Edit {
  return { start: start(callee.property), end: end(callee.property), text: name };
}

/**
 * Edits that drop some properties of an object literal and add others after the last one kept,
 * keeping the rest of its text (layout, comments between properties) as it was.
 */
export function objectEdits(
  ctx: TransformContext,
  object: t.ObjectExpression,
  drop: ReadonlySet<string>,
  add: readonly string[],
): Edit[] {
  const props = object.properties as t.ObjectProperty[];
  const kept = props.filter((p) => !drop.has(propertyKey(p)));
  if (kept.length === 0) {
    // Nothing left of the original: `{ select: … }` → `{ take: 1 }` (or `{}`).
    const text = objectBody(ctx, add);
    if (props.length === 0 && text === "") return [];
    return [{ start: start(object) + 1, end: end(object) - 1, text }];
  }
  const edits: Edit[] = [];
  for (let i = 0; i < props.length; i++) {
    const prop = props[i]!;
    if (!drop.has(propertyKey(prop))) continue;
    const next = props[i + 1];
    if (next && kept.some((k) => start(k) > start(prop))) {
      // `a, dropped, b` → `a, b`: the property, its comma and the space up to the next one.
      edits.push({ start: start(prop), end: start(next), text: "" });
    } else {
      // Trailing: from the end of the last kept property, so its comma goes with the dropped one,
      // and with any comment after it on its line (so the comment is never moved to another key).
      const previousKept = kept.filter((k) => start(k) < start(prop)).pop()!;
      const after = /^,?[ \t]*(\/\/[^\n]*|\/\*[\s\S]*?\*\/)/.exec(ctx.source.slice(end(prop)));
      edits.push({ start: end(previousKept), end: end(prop) + (after?.[0].length ?? 0), text: "" });
    }
  }
  if (add.length > 0) edits.push(...additionEdits(ctx, object, kept, add));
  return mergeAdjacent(edits);
}

function additionEdits(
  ctx: TransformContext,
  object: t.ObjectExpression,
  kept: readonly t.ObjectProperty[],
  add: readonly string[],
): Edit[] {
  const last = kept[kept.length - 1];
  if (!last)
    return [{ start: start(object) + 1, end: end(object) - 1, text: objectBody(ctx, add) }];
  const between = ctx.source.slice(end(last), end(object) - 1);
  const lineStart = ctx.source.lastIndexOf("\n", start(last)) + 1;
  const indent = /^[ \t]*/.exec(ctx.source.slice(lineStart, start(last)))![0];
  const multiline =
    between.includes("\n") && ctx.source.slice(lineStart, start(last)).trim() === "";
  const separator = multiline ? `,\n${indent}` : ", ";
  return [{ start: end(last), end: end(last), text: add.map((a) => `${separator}${a}`).join("") }];
}

function mergeAdjacent(edits: Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Edit[] = [];
  for (const edit of sorted) {
    const previous = merged[merged.length - 1];
    if (previous && edit.start < previous.end) {
      previous.end = Math.max(previous.end, edit.end);
      previous.text += edit.text;
    } else {
      merged.push({ ...edit });
    }
  }
  return merged;
}

export function propertyKey(prop: t.ObjectProperty): string {
  const key = prop.key;
  if (key.type === "Identifier") return key.name;
  if (key.type === "StringLiteral") return key.value;
  return "";
}

/** Edits that change the call's only argument (or add one) to the edited options object. */
export function optionsEdits(
  ctx: TransformContext,
  call: CallLike,
  options: Options,
  argumentIndex: number,
  drop: ReadonlySet<string>,
  add: readonly string[],
): Edit[] {
  if (options.kind === "literal") return objectEdits(ctx, options.node, drop, add);
  if (add.length === 0) return [];
  if (options.kind === "opaque") throw new Error("cannot add keys to opaque options");
  // No options yet: `findMany()` → `count({ take: 1 })`.
  const args = call.arguments;
  const text = objectLiteral(ctx, add);
  if (args.length === argumentIndex) {
    const close = end(call) - 1;
    return [{ start: close, end: close, text: args.length > 0 ? `, ${text}` : text }];
  }
  throw new Error("options argument index out of range");
}

// ─── Method chains ─────────────────────────────────────────────────────────────────────────

export interface ChainLink {
  name: string;
  call: CallLike;
  callee: MemberLike & { property: t.Identifier };
}

/**
 * `root.a(…).b(…)` → root and the links `a`, `b` (innermost first). Stops at the first callee
 * that is not a plain `.name(…)` method call (that is the root).
 */
export function unchain(node: Node): { root: Node; links: ChainLink[] } {
  const links: ChainLink[] = [];
  let current: Node = node;
  for (;;) {
    const inner = skipTypeWrappers(current);
    if (!isCallLike(inner) || !isMemberLike(inner.callee)) break;
    const callee = inner.callee;
    if (callee.computed || callee.property.type !== "Identifier") break;
    links.unshift({
      name: callee.property.name,
      call: inner,
      callee: callee as MemberLike & { property: t.Identifier },
    });
    current = callee.object;
  }
  return { root: current, links };
}

/** The text range a link adds to the chain: from the end of what it is called on to its end. */
export function linkRange(link: ChainLink): { start: number; end: number } {
  return { start: end(link.callee.object), end: end(link.call) };
}

export function removeLink(link: ChainLink): Edit {
  return { ...linkRange(link), text: "" };
}

/**
 * Inserts chain links right after a node (`.limit(1)` after the last link). In a chain laid out
 * one link per line, each new link gets a line of its own, indented like its neighbours.
 */
export function insertAfter(ctx: TransformContext, node: Node, ...links: string[]): Edit {
  const indent = chainBreakIndent(ctx, node);
  const text = indent === undefined ? links.join("") : links.map((l) => `\n${indent}${l}`).join("");
  return { start: end(node), end: end(node), text };
}

/** The indentation of the line break before a `.` next to this call, if its chain has one. */
function chainBreakIndent(ctx: TransformContext, node: Node): string | undefined {
  const gaps: string[] = [];
  const inner = skipTypeWrappers(node);
  if (isCallLike(inner) && isMemberLike(inner.callee))
    gaps.push(ctx.source.slice(end(inner.callee.object), start(inner.callee.property)));
  const parent = ctx.parentOf(node);
  if (isMemberLike(parent) && parent.object === node)
    gaps.push(ctx.source.slice(end(node), start(parent.property)));
  for (const gap of gaps) {
    const broken = /\n([ \t]*)\??\.$/.exec(gap);
    if (broken && /^\s*\??\.$/.test(gap)) return broken[1];
  }
  return undefined;
}

/** The parameter names of the enclosing `$transaction(async (tx) => …)`-style callbacks. */
export function transactionParameter(
  ctx: TransformContext,
  root: Node | undefined,
): string | undefined {
  if (!root || !isIdentifier(root)) return undefined;
  for (const ancestor of ctx.ancestors(root)) {
    if (ancestor.type !== "ArrowFunctionExpression" && ancestor.type !== "FunctionExpression")
      continue;
    const declares = ancestor.params.some((p) => isIdentifier(p, root.name));
    if (!declares) continue;
    const call = ctx.parentOf(ancestor);
    if (!isCallLike(call) || !call.arguments.includes(ancestor as t.Expression)) return undefined;
    const callee = call.callee;
    const name =
      isMemberLike(callee) && isIdentifier(callee.property) ? callee.property.name : undefined;
    return name && /^\$?transaction$/i.test(name) ? root.name : undefined;
  }
  return undefined;
}
