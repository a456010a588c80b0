import type * as t from "@babel/types";
import { walk } from "../ast/walk.js";
import type { Node } from "./types.js";

/**
 * How the text lazymod writes is spelled, so that a rewrite reads like the code around it (and a
 * formatter's check that passed before still passes).
 */
export interface CodeStyle {
  /** The quote of string literals. */
  quote: '"' | "'";
  /** Whether statements end with `;` (false: only where ASI needs one). */
  semicolons: boolean;
  /** `(x) => …` (always) or `x => …` (avoid) for a lone plain parameter. */
  arrowParens: "always" | "avoid";
  /** `{ a }` (true) or `{a}` in object literals. */
  bracketSpacing: boolean;
  /** One level of indentation: a tab or some spaces. */
  indent: string;
  /** The line length a formatter wraps at. */
  printWidth: number;
  /** How many columns a tab counts for against the print width. */
  tabWidth: number;
  /**
   * The width a configured formatter enforces (its check fails past it); undefined when the
   * project configures no formatter, so long lines are the file's own business.
   */
  formatterWidth?: number;
}

/**
 * What the project's formatter configuration says (read as data, never executed). A key it does
 * not set is the formatter's default, which its check enforces all the same.
 */
export type StyleHints = Partial<CodeStyle>;

/** Prettier's defaults, which Biome, dprint and oxfmt largely share. */
export const DEFAULT_STYLE: CodeStyle = {
  quote: '"',
  semicolons: true,
  arrowParens: "always",
  bracketSpacing: true,
  indent: "  ",
  printWidth: 80,
  tabWidth: 2,
};

/**
 * The file's own style where the file shows it (a formatted file agrees with its formatter's
 * configuration; a file the formatter ignores keeps its own habits), else the configuration's,
 * else the defaults. The print width is never guessed from the text.
 */
export function inferStyle(source: string, ast: t.File, hints: StyleHints = {}): CodeStyle {
  const votes = countVotes(source, ast);
  const fallback = { ...DEFAULT_STYLE, ...hints };
  return {
    quote: majority(votes.single, votes.double, "'", '"') ?? fallback.quote,
    semicolons: majority(votes.semicolon, votes.noSemicolon, true, false) ?? fallback.semicolons,
    arrowParens:
      majority(votes.bare, votes.parenthesized, "avoid", "always") ?? fallback.arrowParens,
    bracketSpacing: majority(votes.spaced, votes.tight, true, false) ?? fallback.bracketSpacing,
    indent: indentUnit(source) ?? fallback.indent,
    printWidth: fallback.printWidth,
    tabWidth: fallback.tabWidth,
    ...(hints.formatterWidth ? { formatterWidth: hints.formatterWidth } : {}),
  };
}

function majority<T>(a: number, b: number, ifA: T, ifB: T): T | undefined {
  if (a > b) return ifA;
  if (b > a) return ifB;
  return undefined;
}

interface Votes {
  single: number;
  double: number;
  semicolon: number;
  noSemicolon: number;
  bare: number;
  parenthesized: number;
  spaced: number;
  tight: number;
}

/** Statements a formatter ends with `;` when semicolons are on. */
const TERMINATED = new Set([
  "ExpressionStatement",
  "VariableDeclaration",
  "ReturnStatement",
  "ThrowStatement",
  "BreakStatement",
  "ContinueStatement",
  "ImportDeclaration",
  "ExportAllDeclaration",
  "DebuggerStatement",
  "TSTypeAliasDeclaration",
  "ClassProperty",
  "ClassPrivateProperty",
]);

function countVotes(source: string, ast: t.File): Votes {
  const votes: Votes = {
    single: 0,
    double: 0,
    semicolon: 0,
    noSemicolon: 0,
    bare: 0,
    parenthesized: 0,
    spaced: 0,
    tight: 0,
  };
  walk(ast.program, (node, parent) => {
    if (node.type === "StringLiteral" || node.type === "DirectiveLiteral") {
      // JSX attributes have their own quote setting; a string holding a quote may use the other.
      if (parent?.type === "JSXAttribute") return;
      const raw = source.slice(node.start ?? 0, node.end ?? 0);
      const body = raw.slice(1, -1);
      if (body.includes("'") || body.includes('"')) return;
      if (raw.startsWith("'")) votes.single++;
      else if (raw.startsWith('"')) votes.double++;
      return;
    }
    if (TERMINATED.has(node.type) && isStatementPosition(node, parent)) {
      const last = source[(node.end ?? 0) - 1];
      if (last === ";") votes.semicolon++;
      else votes.noSemicolon++;
      return;
    }
    if (
      (node.type === "ObjectExpression" || node.type === "ObjectPattern") &&
      node.properties.length > 0
    ) {
      const raw = source.slice(node.start ?? 0, node.end ?? 0);
      if (raw.includes("\n")) return;
      if (/^\{\s/.test(raw)) votes.spaced++;
      else votes.tight++;
    }
    if (node.type === "ArrowFunctionExpression" && isLonePlainParameter(node)) {
      const head = source.slice(node.start ?? 0, node.params[0]!.start ?? 0);
      if (head.trimEnd().endsWith("(")) votes.parenthesized++;
      else votes.bare++;
    }
  });
  return votes;
}

/** Not the `let i = 0` of a `for` head, nor a declaration that is an export's body. */
function isStatementPosition(node: Node, parent: Node | undefined): boolean {
  if (!parent) return true;
  if (node.type !== "VariableDeclaration") return true;
  if (parent.type === "ForStatement" || parent.type === "ForInStatement") return false;
  if (parent.type === "ForOfStatement") return false;
  return true;
}

/** `x => …` could be written: one identifier, no type, no default, no return type. */
function isLonePlainParameter(node: t.ArrowFunctionExpression): boolean {
  if (node.params.length !== 1 || node.returnType || node.typeParameters) return false;
  const param = node.params[0]!;
  return param.type === "Identifier" && !param.typeAnnotation && !param.optional;
}

/**
 * A tab when most indented lines start with one; otherwise the step between indentation levels
 * that occurs most often (2 or 4 spaces, usually). Lines inside block comments (` * …`) are not
 * counted.
 */
function indentUnit(source: string): string | undefined {
  let tabs = 0;
  let spaces = 0;
  const steps = new Map<number, number>();
  let previous = 0;
  for (const line of source.split("\n")) {
    const match = /^([ \t]*)(\S)/.exec(line);
    if (!match) continue;
    const [, lead, first] = match;
    if (first === "*") continue;
    if (lead!.startsWith("\t")) tabs++;
    else if (lead!.length > 0) spaces++;
    if (!lead!.includes("\t")) {
      const width = lead!.length;
      if (width > previous) steps.set(width - previous, (steps.get(width - previous) ?? 0) + 1);
      previous = width;
    }
  }
  if (tabs > spaces) return "\t";
  if (spaces === 0) return undefined;
  let best: [number, number] | undefined;
  for (const entry of steps) if (!best || entry[1] > best[1]) best = entry;
  return best ? " ".repeat(best[0]) : undefined;
}
