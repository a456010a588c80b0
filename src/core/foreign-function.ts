import type * as t from "@babel/types";
import { isFunctionNode } from "../ast/predicates.js";
import { walk } from "../ast/walk.js";
import { TransformContext } from "./context.js";
import { parseFileSource } from "./parse.js";
import { BOM } from "./text.js";
import type { ForeignFunction } from "./type-facts.js";

/** A function declared in another file, parsed there, for the analyses a local one gets. */
export interface ParsedForeignFunction {
  /** A context over the declaring file (its own bindings, its own text). */
  ctx: TransformContext;
  fn: t.Function;
  /** The declaring file, as the project's types name it (for messages). */
  path: string;
}

/**
 * Each declaring file is parsed once (with the parser its name calls for, as the engine would),
 * however many callbacks name its functions: a run asks about the same few helpers over and
 * over. Keyed by path, and kept only while the text is the same; the oldest file goes first.
 */
const parsedFiles = new Map<string, { source: string; ctx: TransformContext | undefined }>();
const MAX_PARSED_FILES = 64;

/** The declaring file's function, parsed; undefined where the file does not parse. */
export function parseForeignFunction(foreign: ForeignFunction): ParsedForeignFunction | undefined {
  const ctx = contextOf(foreign.path, foreign.source);
  if (!ctx) return undefined;
  // The checker and Babel agree on where a function ends; a declaration's start may differ
  // (TypeScript counts `export` and decorators in), so the outermost function ending there wins.
  const offset = foreign.source.startsWith(BOM) ? 1 : 0;
  const from = foreign.start - offset;
  const to = foreign.end - offset;
  let found: t.Function | undefined;
  walk(ctx.ast.program, (node) => {
    const start = node.start ?? 0;
    const end = node.end ?? 0;
    if (end < to || start > to) return false;
    if (end === to && start >= from && isFunctionNode(node) && !found) found = node;
    return undefined;
  });
  return found && { ctx, fn: found, path: foreign.path };
}

function contextOf(file: string, source: string): TransformContext | undefined {
  const known = parsedFiles.get(file);
  if (known && known.source === source) {
    // Most recently used last.
    parsedFiles.delete(file);
    parsedFiles.set(file, known);
    return known.ctx;
  }
  const text = source.startsWith(BOM) ? source.slice(1) : source;
  let ctx: TransformContext | undefined;
  try {
    const { ast, parser } = parseFileSource(file, text);
    ctx = new TransformContext({ source: text, path: file, parser, ast });
  } catch {
    ctx = undefined;
  }
  parsedFiles.delete(file);
  parsedFiles.set(file, { source, ctx });
  if (parsedFiles.size > MAX_PARSED_FILES) parsedFiles.delete(parsedFiles.keys().next().value!);
  return ctx;
}
