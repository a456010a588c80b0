import type * as t from "@babel/types";
import {
  isCallLike,
  isMemberLike,
  skipTypeWrappers,
  type CallLike,
} from "../../../src/ast/predicates.js";
import { end, start, type TransformContext } from "../../../src/core/context.js";
import type { Node, Piece, Rewrite } from "../../../src/core/types.js";
import {
  indentedOnce,
  insertAt,
  objectBody,
  objectLiteral,
  removeRange,
  replaceNode,
  rewrittenPieces,
  slice,
  stringLiteral,
} from "../../../src/fix/index.js";
import type { Entry, LazyQuery, OrmQuery, QueryChange, Written } from "./query.js";

/**
 * The lazy call that replaces the eager one (the query's node), as pieces: the eager call's text
 * with the lazy query's method and changes written in, the rest copied as it was.
 */
export function lazyCall(ctx: TransformContext, query: OrmQuery, lazy: LazyQuery): Piece[] {
  const rewrites = lazy.changes.flatMap((change) => changeRewrites(ctx, query.node, change));
  if (lazy.method) rewrites.push(replaceNode(lazy.method.callee.property, [lazy.method.name]));
  return rewrittenPieces(query.node, rewrites);
}

function changeRewrites(ctx: TransformContext, node: Node, change: QueryChange): Rewrite[] {
  switch (change.kind) {
    case "rename":
      return [replaceNode(change.callee.property, [change.name])];
    case "options": {
      const { options, drop = new Set<string>(), add = [] } = change;
      const entries = add.map((entry) => writtenEntry(ctx, entry));
      if (options.kind === "literal") return objectRewrites(ctx, options.node, drop, entries);
      if (entries.length === 0) return [];
      // No options yet: `findMany()` → `count({ take: 1 })`.
      return [argumentInsertion(change.call, objectLiteral(ctx, entries))];
    }
    case "remove-argument":
      return [removeRange(end(change.previous), end(change.argument))];
    case "add-argument":
      return [argumentInsertion(change.call, written(ctx, change.value))];
    case "wrap-argument":
      return wrappedArgument(ctx, change.argument, change.key, change.add);
    case "remove-link":
      return [removeRange(end(change.link.callee.object), end(change.link.call))];
    case "append": {
      const calls = change.calls.map(
        (call) => `.${call.name}(${call.args.map((arg) => written(ctx, arg)).join(", ")})`,
      );
      return [appendedLinks(ctx, change.after, calls)];
    }
    case "replace-with-call": {
      const pieces: Piece[] = [slice(change.receiver), `.${change.method}(`];
      change.args.forEach((arg, i) => {
        if (i > 0) pieces.push(", ");
        pieces.push(slice(arg));
      });
      pieces.push(")");
      return [replaceNode(node, pieces)];
    }
  }
}

/** The value in the file's style: quotes, and the spacing of its object literals. */
function written(ctx: TransformContext, value: Written): string {
  if (typeof value === "string") return value;
  if ("string" in value) return stringLiteral(ctx, value.string);
  if ("object" in value)
    return objectLiteral(
      ctx,
      value.object.map((e) => writtenEntry(ctx, e)),
    );
  return `[${value.array.map((item) => written(ctx, item)).join(", ")}]`;
}

function writtenEntry(ctx: TransformContext, [key, value]: Entry): string {
  return `${key}: ${written(ctx, value)}`;
}

/** The text as the call's next argument, before its `)`. */
function argumentInsertion(call: CallLike, text: string): Rewrite {
  const close = end(call) - 1;
  return insertAt(close, [call.arguments.length > 0 ? `, ${text}` : text]);
}

// ─── Options objects ───────────────────────────────────────────────────────────────────────

/**
 * Rewrites that drop some properties of an object literal and add others after the last one
 * kept, keeping the rest of its text (layout, comments between properties) as it was.
 */
function objectRewrites(
  ctx: TransformContext,
  object: t.ObjectExpression,
  drop: ReadonlySet<string>,
  add: readonly string[],
): Rewrite[] {
  const props = object.properties as t.ObjectProperty[];
  const kept = props.filter((p) => !drop.has(propertyKey(p)));
  if (kept.length === 0) {
    // Nothing left of the original: `{ select: … }` → `{ take: 1 }` (or `{}`).
    const text = objectBody(ctx, add);
    if (props.length === 0 && text === "") return [];
    return [innerRewrite(object, text)];
  }
  const rewrites: Rewrite[] = [];
  for (let i = 0; i < props.length; i++) {
    const prop = props[i]!;
    if (!drop.has(propertyKey(prop))) continue;
    const next = props[i + 1];
    if (next && kept.some((k) => start(k) > start(prop))) {
      // `a, dropped, b` → `a, b`: the property, its comma and the space up to the next one.
      rewrites.push(removeRange(start(prop), start(next)));
    } else {
      // Trailing: from the end of the last kept property, so its comma goes with the dropped one,
      // and with any comment after it on its line (so the comment is never moved to another key).
      const previousKept = kept.filter((k) => start(k) < start(prop)).pop()!;
      const after = /^,?[ \t]*(\/\/[^\n]*|\/\*[\s\S]*?\*\/)/.exec(ctx.source.slice(end(prop)));
      rewrites.push(removeRange(end(previousKept), end(prop) + (after?.[0].length ?? 0)));
    }
  }
  if (add.length > 0) rewrites.push(additionRewrite(ctx, object, kept, add));
  return mergeOverlapping(rewrites);
}

/** What is between the braces of an object literal, replaced by the text. */
function innerRewrite(object: t.ObjectExpression, text: string): Rewrite {
  return { start: start(object) + 1, end: end(object) - 1, pieces: text ? [text] : [] };
}

function additionRewrite(
  ctx: TransformContext,
  object: t.ObjectExpression,
  kept: readonly t.ObjectProperty[],
  add: readonly string[],
): Rewrite {
  const last = kept[kept.length - 1];
  if (!last) return innerRewrite(object, objectBody(ctx, add));
  const between = ctx.source.slice(end(last), end(object) - 1);
  const lineStart = ctx.source.lastIndexOf("\n", start(last)) + 1;
  const indent = /^[ \t]*/.exec(ctx.source.slice(lineStart, start(last)))![0];
  const multiline =
    between.includes("\n") && ctx.source.slice(lineStart, start(last)).trim() === "";
  const separator = multiline ? `,\n${indent}` : ", ";
  return insertAt(end(last), [add.map((a) => `${separator}${a}`).join("")]);
}

/** Removals of neighbouring properties that overlap (`a, dropped, dropped`) become one. */
function mergeOverlapping(rewrites: Rewrite[]): Rewrite[] {
  const sorted = [...rewrites].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Rewrite[] = [];
  for (const rewrite of sorted) {
    const previous = merged[merged.length - 1];
    if (previous && rewrite.start < previous.end) {
      previous.end = Math.max(previous.end, rewrite.end);
      previous.pieces.push(...rewrite.pieces);
    } else {
      merged.push({ ...rewrite, pieces: [...rewrite.pieces] });
    }
  }
  return merged;
}

function propertyKey(prop: t.ObjectProperty): string {
  const key = prop.key;
  if (key.type === "Identifier") return key.name;
  if (key.type === "StringLiteral") return key.value;
  return "";
}

/**
 * `where` → `{ where: where, select: {…} }`; a `where` laid out over several lines keeps its
 * layout one level deeper, in an object with one property per line (as a formatter keeps an
 * object whose first property is on its own line).
 */
function wrappedArgument(
  ctx: TransformContext,
  argument: Node,
  key: string,
  add: readonly Entry[],
): Rewrite[] {
  const entries = add.map((entry) => writtenEntry(ctx, entry));
  if (!ctx.text(argument).includes("\n")) {
    const pad = ctx.style.bracketSpacing ? " " : "";
    return [
      insertAt(start(argument), [`{${pad}${key}: `]),
      insertAt(end(argument), [`${entries.map((e) => `, ${e}`).join("")}${pad}}`]),
    ];
  }
  const lineStart = ctx.source.lastIndexOf("\n", start(argument) - 1) + 1;
  const indent = /^[ \t]*/.exec(ctx.source.slice(lineStart))![0];
  const inner = indent + ctx.style.indent;
  const rest = entries.map((e) => `${inner}${e},\n`).join("");
  const text = `{\n${inner}${key}: ${indentedOnce(ctx, ctx.text(argument))},\n${rest}${indent}}`;
  return [replaceNode(argument, [text])];
}

// ─── Method chains ─────────────────────────────────────────────────────────────────────────

/**
 * Inserts chain links right after a node (`.limit(1)` after the last link). In a chain laid out
 * one link per line, each new link gets a line of its own, indented like its neighbours.
 */
function appendedLinks(ctx: TransformContext, node: Node, links: readonly string[]): Rewrite {
  const indent = chainBreakIndent(ctx, node);
  const text = indent === undefined ? links.join("") : links.map((l) => `\n${indent}${l}`).join("");
  return insertAt(end(node), [text]);
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
