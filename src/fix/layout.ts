import { parseExpression, type ParserPlugin } from "@babel/parser";
import type * as t from "@babel/types";
import { walk } from "../ast/walk.js";
import { end, start, type TransformContext } from "../core/context.js";
import type { Node, Piece, Rewrite } from "../core/types.js";

/** A rewrite rendered to text, against the current source. */
export interface Placed {
  start: number;
  end: number;
  text: string;
}

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

function lineIndentation(source: string, offset: number): string {
  const lineStart = source.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart, offset))![0];
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

// ─── Parentheses ────────────────────────────────────────────────────────────────────────────

/** Binding power: 20 primary/postfix, 15 prefix (`!x`, `await x`), 1–11 binary, 0 anything else. */
const BINARY: Record<string, number> = {
  "??": 1,
  "||": 1,
  "&&": 2,
  "|": 3,
  "^": 4,
  "&": 5,
  "==": 6,
  "!=": 6,
  "===": 6,
  "!==": 6,
  "<": 7,
  ">": 7,
  "<=": 7,
  ">=": 7,
  in: 7,
  instanceof: 7,
  "<<": 8,
  ">>": 8,
  ">>>": 8,
  "+": 9,
  "-": 9,
  "*": 10,
  "/": 10,
  "%": 10,
  "**": 11,
};

const PRIMARY = new Set([
  "Identifier",
  "ThisExpression",
  "Super",
  "StringLiteral",
  "NumericLiteral",
  "BigIntLiteral",
  "BooleanLiteral",
  "NullLiteral",
  "RegExpLiteral",
  "TemplateLiteral",
  "TaggedTemplateExpression",
  "MemberExpression",
  "OptionalMemberExpression",
  "CallExpression",
  "OptionalCallExpression",
  "ArrayExpression",
  "ObjectExpression",
  "TSNonNullExpression",
]);

/** Whether `node` needs no parentheses as the left operand of `operator` (`u.id + 1 === v`). */
export function bindsTighterThan(node: Node, operator: string): boolean {
  const outer = BINARY[operator];
  return outer !== undefined && power(node) > outer;
}

/**
 * Where formatters keep `(await x)` although the grammar does not need it (`!(await q)`,
 * `(await q) > 0`): Prettier, Biome and oxfmt all do.
 */
const AWAIT_KEEPS_PARENTHESES = new Set([
  "UnaryExpression",
  "BinaryExpression",
  "LogicalExpression",
  "ConditionalExpression",
  "SpreadElement",
  "TSAsExpression",
  "TSSatisfiesExpression",
  "TSNonNullExpression",
  "TaggedTemplateExpression",
]);

function power(node: Node): number {
  if (PRIMARY.has(node.type)) return 20;
  if (node.type === "NewExpression") return 20;
  if (node.type === "UnaryExpression" || node.type === "AwaitExpression") return 15;
  if (node.type === "UpdateExpression") return node.prefix ? 15 : 20;
  if (node.type === "BinaryExpression" || node.type === "LogicalExpression")
    return BINARY[node.operator] ?? 0;
  return 0;
}

/**
 * Whether `inner` needs parentheses in `node`'s place; undefined when lazymod cannot tell (then
 * the parentheses stay as the transform and the source had them).
 */
function needsParentheses(
  ctx: TransformContext,
  node: Node,
  inner: Node,
  innerText: string,
): boolean | undefined {
  const parent = ctx.parentOf(node);
  const level = power(inner);
  if (!parent || level === 0) return undefined;
  if (inner.type === "AwaitExpression" && AWAIT_KEEPS_PARENTHESES.has(parent.type)) {
    const p = parent as Node & { test?: Node };
    return parent.type !== "ConditionalExpression" || p.test === node;
  }
  const startsStatement = (holder: Node | undefined) =>
    !!holder && startOfParenthesized(ctx, node) === start(holder);
  const p = parent as Node & Record<string, unknown>;
  switch (parent.type) {
    case "VariableDeclarator":
    case "AssignmentExpression":
    case "ClassProperty":
    case "ObjectProperty":
    case "ReturnStatement":
    case "ThrowStatement":
    case "IfStatement":
    case "WhileStatement":
    case "DoWhileStatement":
    case "SwitchStatement":
    case "SwitchCase":
    case "ArrayExpression":
    case "SpreadElement":
    case "TemplateLiteral":
    case "JSXExpressionContainer":
    case "ConditionalExpression":
      if (parent.type === "ObjectProperty" && p.value !== node) return undefined;
      if (parent.type === "AssignmentExpression" && p.right !== node) return undefined;
      if (parent.type === "VariableDeclarator" && p.init !== node) return undefined;
      if (parent.type === "ClassProperty" && p.value !== node) return undefined;
      return false;
    case "ExpressionStatement":
      return startsStatement(parent) && /^(\{|function\b|class\b|let\s*\[)/.test(innerText);
    case "ArrowFunctionExpression":
      if (p.body !== node) return undefined;
      return innerText.startsWith("{");
    case "CallExpression":
    case "OptionalCallExpression":
    case "NewExpression":
      if (p.callee === node) return calleeNeedsParentheses(parent, inner);
      return false;
    case "MemberExpression":
    case "OptionalMemberExpression":
      if (p.object !== node) return p.computed ? false : undefined;
      return calleeNeedsParentheses(parent, inner);
    case "UnaryExpression":
      // `-(-x)` is not `--x`.
      if (/^[+-]$/.test(p.operator as string) && /^[+-]/.test(innerText)) return true;
      return level < 15;
    case "AwaitExpression":
    case "TSAsExpression":
    case "TSSatisfiesExpression":
      return level < 15;
    case "TSNonNullExpression":
      return level < 20;
    case "LogicalExpression":
    case "BinaryExpression": {
      const operator = p.operator as string;
      const outer = BINARY[operator];
      if (outer === undefined) return undefined;
      if (isMixingNullish(operator, inner)) return true;
      if (operator === "**") return p.left === node ? level <= 15 : level < 11;
      return p.left === node ? level < outer : level <= outer;
    }
    default:
      return undefined;
  }
}

/** `(a?.b).c` is not `a?.b.c`, `new (f())()` is not `new f()()`, `(1).x` is not `1.x`. */
function calleeNeedsParentheses(parent: Node, inner: Node): boolean {
  if (power(inner) < 20) return true;
  if (inner.type === "OptionalMemberExpression" || inner.type === "OptionalCallExpression")
    return true;
  if (inner.type === "NumericLiteral" || inner.type === "ObjectExpression") return true;
  if (parent.type === "NewExpression") return inner.type !== "Identifier";
  return false;
}

/** `a ?? b || c` is a syntax error: `??` never mixes with `&&`/`||` without parentheses. */
function isMixingNullish(operator: string, inner: Node): boolean {
  if (inner.type !== "LogicalExpression") return false;
  return (operator === "??") !== (inner.operator === "??");
}

interface Parenthesized {
  /** Where the outermost `(` is. */
  open: number;
  /** Just after the matching `)`. */
  close: number;
}

/** The parentheses around a node in the source, when only whitespace separates them from it. */
function parenthesesAround(ctx: TransformContext, node: Node): Parenthesized | undefined {
  const extra = (node as { extra?: { parenthesized?: boolean; parenStart?: number } }).extra;
  if (!extra?.parenthesized || extra.parenStart === undefined) return undefined;
  const before = ctx.source.slice(extra.parenStart, start(node));
  if (!/^[(\s]*$/.test(before)) return undefined;
  const depth = (before.match(/\(/g) ?? []).length;
  const after = /^(\s*\))+/.exec(ctx.source.slice(end(node)));
  if (!after) return undefined;
  let close = end(node);
  for (let i = 0; i < depth; i++) {
    const next = /^\s*\)/.exec(ctx.source.slice(close));
    if (!next) return undefined;
    close += next[0].length;
  }
  return { open: extra.parenStart, close };
}

function startOfParenthesized(ctx: TransformContext, node: Node): number {
  return parenthesesAround(ctx, node)?.open ?? start(node);
}

/** The text parsed as one expression, without any parentheses around the whole of it. */
function unwrapped(ctx: TransformContext, text: string): { node: Node; text: string } | undefined {
  let expression: Node;
  try {
    expression = parseFragment(ctx, text);
  } catch {
    return undefined;
  }
  const from = start(expression);
  const to = end(expression);
  if (text.slice(0, from).replace(/[\s(]/g, "") !== "") return undefined;
  if (text.slice(to).replace(/[\s)]/g, "") !== "") return undefined;
  return { node: expression, text: text.slice(from, to) };
}

/** Rewritten text alone, as an expression (it may `await`, as the code around it may). */
function parseFragment(ctx: TransformContext, text: string): Node {
  return parseExpression(text, { plugins: pluginsFor(ctx), allowAwaitOutsideFunction: true });
}

function pluginsFor(ctx: TransformContext): ParserPlugin[] {
  if (ctx.parser === "ts") return ["typescript"];
  if (ctx.parser === "tsx") return ["typescript", "jsx"];
  return ["jsx", "flow"];
}

function withParenthesesAsNeeded(
  ctx: TransformContext,
  node: Node,
  placed: Placed,
  floor: number,
): Placed {
  const around = parenthesesAround(ctx, node);
  const wrapped = /^\s*\(/.test(placed.text);
  if (!around && !wrapped) return placed;
  const inner = unwrapped(ctx, placed.text);
  if (!inner || /\/[/*]/.test(stripStrings(inner.text))) return placed;
  const needed = needsParentheses(ctx, node, inner.node, inner.text);
  if (needed === undefined) return placed;
  if (!around) return { ...placed, text: needed ? `(${inner.text})` : inner.text };
  if (around.open < floor) return placed;
  const spansLines = ctx.source.slice(around.open, around.close).includes("\n");
  if (needed) {
    // The source's own parentheses (and their line breaks) serve.
    return { ...placed, text: inner.text };
  }
  if (spansLines && !fitsOnLine(ctx, around.open, around.close, inner.text)) {
    return { ...placed, text: inner.text };
  }
  return { start: around.open, end: around.close, text: inner.text };
}

/** Comments are looked for outside string and template literals only. */
function stripStrings(text: string): string {
  return text.replace(/(["'`])(?:\\.|(?!\1)[^\\])*\1/g, '""');
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

/** Whether the line holding `from`, with `[from, to)` replaced by `text`, fits the print width. */
function fitsOnLine(
  ctx: TransformContext,
  from: number,
  to: number,
  text: string,
  width = ctx.style.printWidth,
): boolean {
  if (text.includes("\n")) return false;
  const source = ctx.source;
  const lineStart = source.lastIndexOf("\n", from - 1) + 1;
  const newline = source.indexOf("\n", to);
  const lineEnd = newline === -1 ? source.length : newline;
  const line = source.slice(lineStart, from) + text + source.slice(to, lineEnd).replace(/\r$/, "");
  return columns(line, ctx.style.tabWidth) <= width;
}

function columns(line: string, tabWidth: number): number {
  let width = 0;
  for (const char of line) width += char === "\t" ? tabWidth : 1;
  return width;
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
