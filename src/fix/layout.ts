import type * as t from "@babel/types";
import { walk } from "../ast/walk.js";
import { end, start, type TransformContext } from "../core/context.js";
import type { Node, Piece, Rewrite } from "../core/types.js";
import { withParenthesesAsNeeded } from "./parentheses.js";
import { fitsOnLine, lineIndentation, parseFragment, type Placed } from "./source-text.js";

export type { Placed } from "./source-text.js";

/**
 * Lays a rendered rewrite out the way a formatter would leave it, touching only what the rewrite
 * already replaces and the punctuation right around it:
 * - parentheses: one pair where the new expression needs it, none where it does not (the
 *   parentheses `!(a.length > 0)` needed are redundant around `a.some(p)`);
 * - a line break after `=`, `=>` or `:` that the new, shorter expression no longer needs (it
 *   fits the print width on the operator's line);
 * - a member chain left with one call (or two that fit) on one line, not broken before `.`;
 * - a `;` before a statement that now starts with `(`, `[` or a backtick in a file without
 *   semicolons, where it would otherwise continue the previous statement.
 * (`renderRewrite` has already moved copied lines to their new indentation.) Anything it cannot
 * read for sure (comments in the way, text that does not parse alone) is
 * left as the transform wrote it.
 */
export function layOut(ctx: TransformContext, placed: Placed, floor: number): Placed {
  const node = expressionAt(ctx, placed.start, placed.end);
  let result = node && !isChainObject(ctx, node) ? withShortChainJoined(ctx, placed) : placed;
  if (node) {
    result = withParenthesesAsNeeded(ctx, node, result, floor);
    result = joinedAfterOperator(ctx, node, result, floor);
  }
  return withAsiGuard(ctx, result);
}

// ─── Rendering: copied code keeps its indentation relative to where it lands ─────────────────

/**
 * The rewrite's text. A copied slice that spans lines, is indented from the line it starts on,
 * and came from a line indented otherwise than the one it lands on has its later lines moved by
 * the difference (`return (⏎    await q({⏎      where,⏎    })⏎  ).length` becoming
 * `return await q2({⏎    where,⏎  })`), unless a template literal spans its lines (whose text
 * the indentation is part of).
 */
export function renderRewrite(ctx: TransformContext, rewrite: Rewrite): string {
  const target = lineIndentation(ctx.source, rewrite.start);
  // Decided on the first slice that spans lines, then applied to every later copied line.
  let shift: { origin: string } | null | undefined;
  let text = "";
  for (const piece of rewrite.pieces) {
    if (typeof piece === "string") {
      // New text with line breaks (an added property) was indented for where it was written.
      text += shift ? shifted(piece, shift.origin, target) : piece;
      continue;
    }
    let copied = ctx.source.slice(piece.from, piece.to);
    if (!copied.includes("\n")) {
      text += copied;
      continue;
    }
    if (shift === undefined) {
      const origin = lineIndentation(ctx.source, piece.from);
      shift =
        !text.includes("\n") &&
        origin !== target &&
        opensOnItsLine(copied, origin) &&
        !hasMultilineTemplate(ctx, rewrite.start, rewrite.end)
          ? { origin }
          : null;
    }
    if (shift) copied = shifted(copied, shift.origin, target);
    text += copied;
  }
  return text;
}

/** Every line after the first that starts with `origin` starts with `target` instead. */
function shifted(text: string, origin: string, target: string): string {
  return text.replace(/\n([ \t]*)/g, (whole, lead: string) =>
    lead.startsWith(origin) ? `\n${target}${lead.slice(origin.length)}` : whole,
  );
}

/**
 * Whether the slice's later lines are indented from the line it starts on (it opens a bracket
 * there), rather than from some line before (a chain broken before each `.`).
 */
function opensOnItsLine(copied: string, origin: string): boolean {
  const next = /\n([ \t]*)\S/.exec(copied);
  return !!next && next[1]!.length > origin.length && next[1]!.startsWith(origin);
}

function hasMultilineTemplate(ctx: TransformContext, from: number, to: number): boolean {
  return ctx
    .nodesOfType("TemplateLiteral")
    .some((node) => start(node) < to && end(node) > from && ctx.text(node).includes("\n"));
}

// ─── Member chains ──────────────────────────────────────────────────────────────────────────

/** `node.x`, `node.x()`: the node is inside a longer chain, whose layout it does not decide. */
function isChainObject(ctx: TransformContext, node: Node): boolean {
  const parent = ctx.parentOf(node);
  return (
    (parent?.type === "MemberExpression" || parent?.type === "OptionalMemberExpression") &&
    parent.object === node
  );
}

/**
 * `prisma.student⏎    .count({⏎      where,⏎    })` → `prisma.student.count({⏎    where,⏎  })`: a
 * member chain left with a single call (the rewrite dropped a `.then(…)` or `.exec()`) is never
 * broken before its `.` by a formatter, and one with two calls is not when it fits on one line.
 * The lines after the break move back by its indentation.
 */
function withShortChainJoined(ctx: TransformContext, placed: Placed): Placed {
  if (!/\n[ \t]*\??\./.test(placed.text)) return placed;
  let expression: Node;
  try {
    expression = parseFragment(ctx, placed.text);
  } catch {
    return placed;
  }
  // `await q.a()⏎  .b()`: the chain is what is awaited.
  if (expression.type === "AwaitExpression" && expression.argument)
    expression = expression.argument;
  const text = placed.text;
  const breaks: { from: number; to: number; indent: string }[] = [];
  let calls = 0;
  for (let node: Node | undefined = expression; node;) {
    if (node.type === "CallExpression" || node.type === "OptionalCallExpression") {
      calls++;
      node = node.callee;
    } else if (
      (node.type === "MemberExpression" || node.type === "OptionalMemberExpression") &&
      !node.computed
    ) {
      const gap = /^(\s*)\??\.$/.exec(text.slice(end(node.object), start(node.property)));
      if (!gap) return placed;
      if (gap[1]!.includes("\n"))
        breaks.push({
          from: end(node.object),
          to: end(node.object) + gap[1]!.length,
          indent: /[ \t]*$/.exec(gap[1]!)![0],
        });
      node = node.object;
    } else if (node.type === "TSNonNullExpression") {
      node = node.expression;
    } else {
      node = undefined;
    }
  }
  if (calls > 2 || breaks.length === 0 || /`[^`]*\n/.test(text)) return placed;
  const base = lineIndentation(ctx.source, placed.start);
  const indent = breaks[breaks.length - 1]!.indent;
  let joined = text;
  for (const gap of breaks) joined = joined.slice(0, gap.from) + joined.slice(gap.to);
  if (indent.length > base.length) joined = shifted(joined, indent, base);
  if (calls === 2 && !fitsOnLine(ctx, placed.start, placed.end, joined)) return placed;
  return { ...placed, text: joined };
}

// ─── Which node a rewrite replaces ──────────────────────────────────────────────────────────

/** The expression spanning exactly `[from, to)` (the innermost, when several do). */
function expressionAt(ctx: TransformContext, from: number, to: number): Node | undefined {
  const byRange = ctx.memoize("layout:expressions", () => {
    const map = new Map<string, Node>();
    walk(ctx.ast.program, (node) => {
      if (isExpressionNode(node)) map.set(`${start(node)}:${end(node)}`, node);
    });
    return map;
  });
  return byRange.get(`${from}:${to}`);
}

function isExpressionNode(node: Node): boolean {
  return (
    /Expression$|Literal$/.test(node.type) ||
    node.type === "Identifier" ||
    node.type === "TemplateLiteral"
  );
}

// ─── Line breaks the new expression no longer needs ────────────────────────────────────────

/**
 * `const has =\n    xs.filter(p).length > 0;` → `const has = xs.some(p);` when that fits: the
 * break after the operator was there only because the old expression did not fit. The rewrite
 * may be the whole right-hand side or inside it (a nested pattern rewritten in a later pass).
 */
function joinedAfterOperator(
  ctx: TransformContext,
  node: Node,
  placed: Placed,
  floor: number,
): Placed {
  if (placed.text.includes("\n")) return placed;
  for (let side: Node | undefined = node; side; side = enclosingRightSide(ctx, side)) {
    if (!isRightSide(ctx, side)) continue;
    const from = Math.min(start(side), placed.start);
    const before = ctx.source.slice(from, placed.start);
    const after = ctx.source.slice(placed.end, Math.max(placed.end, end(side)));
    if (before.includes("\n") || after.includes("\n")) return placed;
    const gap = /[ \t]*\r?\n\s*$/.exec(ctx.source.slice(floor, from));
    if (!gap) continue;
    const parent = ctx.parentOf(side)!;
    const operatorEnd = from - gap[0].length;
    const operator = ctx.source.slice(Math.max(floor, operatorEnd - 2), operatorEnd);
    const endsWithOperator =
      operator.endsWith("=>") ||
      (operator.endsWith("=") && !/[=!<>]=$/.test(operator)) ||
      (operator.endsWith(":") && parent.type === "ObjectProperty");
    if (!endsWithOperator || operatorEnd < floor) return placed;
    const text = ` ${before}${placed.text}`;
    if (!fitsOnLine(ctx, operatorEnd, placed.end, text)) return placed;
    return { start: operatorEnd, end: placed.end, text };
  }
  return placed;
}

/** The whole right-hand side of `=`, `=>` or `:`. */
function isRightSide(ctx: TransformContext, node: Node): boolean {
  const parent = ctx.parentOf(node) as (Node & Record<string, unknown>) | undefined;
  return (
    (parent?.type === "VariableDeclarator" && parent.init === node) ||
    (parent?.type === "AssignmentExpression" && parent.right === node) ||
    (parent?.type === "ClassProperty" && parent.value === node) ||
    (parent?.type === "ObjectProperty" && parent.value === node) ||
    (parent?.type === "ArrowFunctionExpression" && parent.body === node)
  );
}

/** The next expression out, up to the statement (undefined past it). */
function enclosingRightSide(ctx: TransformContext, node: Node): Node | undefined {
  const parent = ctx.parentOf(node);
  if (!parent || !isExpressionNode(parent)) return undefined;
  return parent;
}

// ─── Automatic semicolon insertion ──────────────────────────────────────────────────────────

/** Statements after which a line starting with `(` or `[` would continue the expression. */
const CONTINUABLE = new Set([
  "ExpressionStatement",
  "VariableDeclaration",
  "ReturnStatement",
  "ThrowStatement",
  "ExportDefaultDeclaration",
  "ExportNamedDeclaration",
  "TSTypeAliasDeclaration",
]);

function withAsiGuard(ctx: TransformContext, placed: Placed): Placed {
  if (!/^[([`+\-/]/.test(placed.text)) return placed;
  const statement = statementStartingAt(ctx, placed.start);
  if (!statement) return placed;
  const previous = previousSibling(ctx, statement);
  if (!previous || !CONTINUABLE.has(previous.type)) return placed;
  if (ctx.source[end(previous) - 1] === ";") return placed;
  return { ...placed, text: `;${placed.text}` };
}

function statementStartingAt(ctx: TransformContext, offset: number): t.Statement | undefined {
  return ctx.nodesOfType("ExpressionStatement").find((s) => start(s) === offset) as
    t.Statement | undefined;
}

function previousSibling(ctx: TransformContext, statement: Node): Node | undefined {
  const holder = ctx.parentOf(statement);
  let body: readonly Node[] | undefined;
  if (
    holder?.type === "BlockStatement" ||
    holder?.type === "Program" ||
    holder?.type === "StaticBlock"
  )
    body = holder.body;
  else if (holder?.type === "SwitchCase") body = holder.consequent;
  if (!body) return undefined;
  const index = body.indexOf(statement as t.Statement);
  return index > 0 ? body[index - 1] : undefined;
}

// ─── Moving an expression to another statement ────────────────────────────────────────────

/**
 * Whether `node`'s line, with the node replaced by the pieces, still fits the width the project's
 * formatter enforces: an initialiser moved into its use should not make a line the formatter would
 * have to break. Without a configured formatter, any single line fits.
 */
export function fitsInPlaceOf(
  ctx: TransformContext,
  node: Node | { start: number; end: number },
  pieces: readonly Piece[],
): boolean {
  const text = pieces
    .map((piece) => (typeof piece === "string" ? piece : ctx.source.slice(piece.from, piece.to)))
    .join("");
  const width = ctx.style.formatterWidth;
  if (width === undefined) return !text.includes("\n");
  return fitsOnLine(ctx, start(node), end(node), text, width);
}

/**
 * Whether an expression can be moved into another statement at the same depth without
 * re-wrapping: it is on one line, or its only line breaks are inside the block bodies of
 * functions it passes (`xs.filter((x) => {` … `})`), which keep their indentation there. A chain
 * broken across lines (`users\n  .filter(…)`) is laid out for where it stands.
 */
export function isMovableWithoutRewrapping(source: string, node: Node): boolean {
  const from = start(node);
  const bodies: Array<[number, number]> = [];
  walk(node, (child) => {
    if (
      (child.type === "ArrowFunctionExpression" || child.type === "FunctionExpression") &&
      child.body.type === "BlockStatement"
    ) {
      bodies.push([start(child.body) - from, end(child.body) - from]);
      return false;
    }
    return true;
  });
  let text = source.slice(from, end(node));
  for (const [a, b] of bodies.reverse()) text = text.slice(0, a) + "{}" + text.slice(b);
  return !text.includes("\n");
}
