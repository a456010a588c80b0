import { end, start, type TransformContext } from "../core/context.js";
import type { Node, Piece, Rewrite, SourceSlice } from "../core/types.js";

export { fitsInPlaceOf } from "./layout.js";
export { bindsTighterThan } from "./parentheses.js";
export { insertAt, rewrittenPieces } from "./nested.js";

/** The node's own source text, copied verbatim (comments inside it included). */
export function slice(node: Node): SourceSlice {
  return { from: start(node), to: end(node) };
}

export function sliceRange(from: number, to: number): SourceSlice {
  return { from, to };
}

export function replaceNode(node: Node, pieces: Piece[]): Rewrite {
  return { start: start(node), end: end(node), pieces };
}

export function removeRange(from: number, to: number): Rewrite {
  return { start: from, end: to, pieces: [] };
}

/**
 * The range to delete to remove a whole statement: its line too, when nothing else is on it, and
 * the blank line it would leave behind (two blank lines in a row, a blank line right after `{` or
 * right before `}`), as a formatter would; otherwise just the statement.
 */
export function statementRemovalRange(
  ctx: TransformContext,
  statement: Node,
): { from: number; to: number } {
  const source = ctx.source;
  let from = start(statement);
  let to = end(statement);
  const lineStart = source.lastIndexOf("\n", from - 1) + 1;
  const newline = source.indexOf("\n", to);
  const lineEnd = newline === -1 ? source.length : newline + 1;
  const before = source.slice(lineStart, from);
  const after = source.slice(to, lineEnd);
  if (/^[ \t]*$/.test(before) && /^[ \t]*\r?\n?$/.test(after)) {
    from = lineStart;
    to = lineEnd;
    const blankAfter = blankLinesFrom(source, to);
    const blankBefore = blankLinesBefore(source, from);
    const opensBlock = /(^|\{)$/.test(source.slice(0, from - blankBefore).trimEnd());
    const closesBlock = source.startsWith("}", skipBlank(source, to + blankAfter));
    if (blankAfter > 0 && (blankBefore > 0 || opensBlock)) to += blankAfter;
    else if (blankBefore > 0 && closesBlock) from -= blankBefore;
  } else if (/^[ \t]+/.test(after) && !/^[ \t]*\/[/*]/.test(after)) {
    to += /^[ \t]+/.exec(after)![0].length;
  }
  return { from, to };
}

/** The length of the blank (whitespace-only) lines starting at `offset`, a line start. */
function blankLinesFrom(source: string, offset: number): number {
  const match = /^(?:[ \t]*\r?\n)+/.exec(source.slice(offset));
  return match ? match[0].length : 0;
}

/** The length of the blank lines that end at `offset`, a line start. */
function blankLinesBefore(source: string, offset: number): number {
  const match = /(?:^|\n)((?:[ \t]*\r?\n)+)$/.exec(source.slice(0, offset));
  return match ? match[1]!.length : 0;
}

function skipBlank(source: string, offset: number): number {
  return offset + (/^\s*/.exec(source.slice(offset))?.[0].length ?? 0);
}

/**
 * The head of an arrow function, `(x) => ` or `x => ` as the file writes a lone parameter. A
 * parameter is a node (copied verbatim) or a name lazymod chose.
 */
export function arrowHead(ctx: TransformContext, params: readonly (Node | string)[]): Piece[] {
  const pieces: Piece[] = [];
  params.forEach((param, i) => {
    if (i > 0) pieces.push(", ");
    pieces.push(typeof param === "string" ? param : slice(param));
  });
  const [only] = params;
  const bare =
    params.length === 1 &&
    (typeof only === "string"
      ? /^[A-Za-z_$][\w$]*$/.test(only)
      : only!.type === "Identifier" && !only.typeAnnotation && !only.optional);
  if (bare && ctx.style.arrowParens === "avoid") return [...pieces, " => "];
  return ["(", ...pieces, ") => "];
}

/** `{ a: 1, b }`, spaced as the file spaces its object literals (`{}` when empty). */
export function objectLiteral(ctx: TransformContext, entries: readonly string[]): string {
  return `{${objectBody(ctx, entries)}}`;
}

/** What goes between the braces of `objectLiteral`. */
export function objectBody(ctx: TransformContext, entries: readonly string[]): string {
  if (entries.length === 0) return "";
  const pad = ctx.style.bracketSpacing ? " " : "";
  return `${pad}${entries.join(", ")}${pad}`;
}

/** Text with every line after the first indented one level more (for text moved one level in). */
export function indentedOnce(ctx: TransformContext, text: string): string {
  return text.replace(/\n(?=[^\r\n])/g, `\n${ctx.style.indent}`);
}

/**
 * A string literal in the file's quote; like Prettier, the other quote when that needs fewer
 * escapes.
 */
export function stringLiteral(ctx: TransformContext, value: string): string {
  const preferred = ctx.style.quote;
  const other = preferred === '"' ? "'" : '"';
  const count = (quote: string) => value.split(quote).length - 1;
  const quote = count(preferred) > count(other) ? other : preferred;
  const escaped = value
    .replace(/\\/g, "\\\\")
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029")
    .split(quote)
    .join(`\\${quote}`);
  return `${quote}${escaped}${quote}`;
}

/**
 * Whether any expression can replace this node without parentheses: statement-level slots,
 * arguments, initialisers, and operands of operators that bind more loosely than `===`.
 */
export function isLooseExpressionSlot(ctx: TransformContext, node: Node): boolean {
  const parent = ctx.parentOf(node);
  if (!parent) return true;
  switch (parent.type) {
    case "IfStatement":
    case "WhileStatement":
    case "DoWhileStatement":
    case "ForStatement":
    case "VariableDeclarator":
    case "ReturnStatement":
    case "ThrowStatement":
    case "ExpressionStatement":
    case "ArrayExpression":
    case "ObjectProperty":
    case "TemplateLiteral":
    case "JSXExpressionContainer":
    case "SpreadElement":
    case "AssignmentExpression":
    case "ArrowFunctionExpression":
    case "ConditionalExpression":
    case "LogicalExpression":
      return true;
    case "CallExpression":
    case "OptionalCallExpression":
    case "NewExpression":
      return parent.callee !== node;
    case "SequenceExpression":
      return true;
    default:
      return false;
  }
}

/** Renames the method of `recv.method(…)` and drops everything around the call in `target`. */
export function renamedCall(call: Node & { callee: Node }, property: Node, name: string): Piece[] {
  return [sliceRange(start(call), start(property)), name, sliceRange(end(property), end(call))];
}
