import { end, start, type TransformContext } from "../core/context.js";
import type { Node, Piece, Rewrite, SourceSlice } from "../core/types.js";

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

export function replaceRange(from: number, to: number, pieces: Piece[]): Rewrite {
  return { start: from, end: to, pieces };
}

export function removeRange(from: number, to: number): Rewrite {
  return { start: from, end: to, pieces: [] };
}

/** Pieces wrapped in parentheses. */
export function parenthesized(pieces: Piece[]): Piece[] {
  return ["(", ...pieces, ")"];
}

/**
 * The range to delete to remove a whole statement: its line too, when nothing else is on it
 * (so no blank line is left behind), otherwise just the statement.
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
  } else if (/^[ \t]+/.test(after) && !/^[ \t]*\/[/*]/.test(after)) {
    to += /^[ \t]+/.exec(after)![0].length;
  }
  return { from, to };
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
