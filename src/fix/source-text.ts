import { parseExpression, type ParserPlugin } from "@babel/parser";
import type { TransformContext } from "../core/context.js";
import type { Node } from "../core/types.js";

/** A rewrite rendered to text, against the current source. */
export interface Placed {
  start: number;
  end: number;
  text: string;
}

export function lineIndentation(source: string, offset: number): string {
  const lineStart = source.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart, offset))![0];
}

/** Rewritten text alone, as an expression (it may `await`, as the code around it may). */
export function parseFragment(ctx: TransformContext, text: string): Node {
  return parseExpression(text, { plugins: pluginsFor(ctx), allowAwaitOutsideFunction: true });
}

function pluginsFor(ctx: TransformContext): ParserPlugin[] {
  if (ctx.parser === "ts") return ["typescript"];
  if (ctx.parser === "tsx") return ["typescript", "jsx"];
  return ["jsx", "flow"];
}

/** Whether the line holding `from`, with `[from, to)` replaced by `text`, fits the print width. */
export function fitsOnLine(
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
