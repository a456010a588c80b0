import { end, start, type TransformContext } from "../core/context.js";
import type { Node } from "../core/types.js";
import { fitsOnLine, parseFragment, type Placed } from "./source-text.js";

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

export function withParenthesesAsNeeded(
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
