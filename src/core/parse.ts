import { parse as babelParse, type ParserOptions, type ParserPlugin } from "@babel/parser";
import type * as t from "@babel/types";
import tsOptions from "jscodeshift/parser/tsOptions.js";
import type { ParseFailure } from "./types.js";

export type ParserName = "ts" | "tsx" | "babylon";

/**
 * jscodeshift's own option sets, so lazymod reads exactly what `jscodeshift --parser=<name>`
 * reads. `tokens` is turned off: lazymod splices text instead of reprinting with recast, and
 * the token list roughly doubles parse time.
 */
// jscodeshift's `babylon` parser keeps its options private; this mirrors parser/babylon.js.
const babylonPlugins: ParserPlugin[] = [
  ["flow", { all: true }],
  "flowComments",
  "jsx",
  "asyncGenerators",
  "bigInt",
  "classProperties",
  "classPrivateProperties",
  "classPrivateMethods",
  ["decorators", { decoratorsBeforeExport: false }],
  "doExpressions",
  "dynamicImport",
  "exportDefaultFrom",
  "exportNamespaceFrom",
  "functionBind",
  "functionSent",
  "importMeta",
  "logicalAssignment",
  "nullishCoalescingOperator",
  "numericSeparator",
  "objectRestSpread",
  "optionalCatchBinding",
  "optionalChaining",
  ["pipelineOperator", { proposal: "minimal" }],
  "throwExpressions",
];

const shared: ParserOptions = {
  // The engine reads `ast.comments`; attaching each comment to a node is work nobody uses.
  attachComment: false,
  sourceType: "module",
  allowImportExportEverywhere: true,
  allowReturnOutsideFunction: true,
  startLine: 1,
  tokens: false,
};

/**
 * jscodeshift's `babylon` set parses every .js file as Flow (`flow: { all: true }`, plus
 * `flowComments`), which is slower on plain JavaScript and misreads some of it: `/* : *\/` becomes
 * a type annotation (monaco-editor's path.js), `a < b > (c)` a call with type arguments. So plain
 * JavaScript is parsed without Flow, and the Flow set is used for files with an `@flow` pragma
 * or that parse only with it.
 */
const isFlowPlugin = (plugin: ParserPlugin) =>
  plugin === "flowComments" || (Array.isArray(plugin) && plugin[0] === "flow");
const babylonPlain: ParserOptions = {
  ...shared,
  plugins: babylonPlugins.filter((p) => !isFlowPlugin(p)),
};

const optionsByParser: Record<ParserName, ParserOptions> = {
  ts: { ...(tsOptions as ParserOptions), ...shared },
  tsx: {
    ...(tsOptions as ParserOptions),
    ...shared,
    plugins: ["jsx", ...((tsOptions as ParserOptions).plugins ?? [])],
  },
  babylon: { ...shared, plugins: babylonPlugins },
};

/** `.ts`/`.mts`/`.cts` → ts (no JSX, so `<T>x` assertions parse), `.tsx` → tsx, JS → babylon. */
export function parserForPath(path: string): ParserName | undefined {
  const match = /\.([cm]?[jt]sx?)$/i.exec(path);
  const ext = match?.[1]?.toLowerCase();
  switch (ext) {
    case "ts":
    case "mts":
    case "cts":
      return "ts";
    case "tsx":
      return "tsx";
    case "js":
    case "jsx":
    case "mjs":
    case "cjs":
      return "babylon";
    default:
      return undefined;
  }
}

export function isTypeScriptParser(parser: ParserName): boolean {
  return parser !== "babylon";
}

export class SourceParseError extends Error {
  readonly failure: ParseFailure;
  constructor(failure: ParseFailure) {
    super(failure.message);
    this.name = "SourceParseError";
    this.failure = failure;
  }
}

/** Parses or throws a SourceParseError whose message names the line and column. */
export function parseSource(text: string, parser: ParserName): t.File {
  if (parser !== "babylon") return parseWith(text, optionsByParser[parser]);
  const [first, second] = text.includes("@flow")
    ? [optionsByParser.babylon, babylonPlain]
    : [babylonPlain, optionsByParser.babylon];
  try {
    return parseWith(text, first);
  } catch (error) {
    if (error instanceof SourceParseError && error.failure.tooDeeplyNested) throw error;
    try {
      return parseWith(text, second);
    } catch {
      throw error; // the first error describes the file as it most likely is
    }
  }
}

function parseWith(text: string, options: ParserOptions): t.File {
  try {
    return babelParse(text, options) as unknown as t.File;
  } catch (error) {
    throw new SourceParseError(describeParseError(error));
  }
}

export function canParse(text: string, parser: ParserName): boolean {
  try {
    parseSource(text, parser);
    return true;
  } catch {
    return false;
  }
}

function describeParseError(error: unknown): ParseFailure {
  if (error instanceof RangeError) {
    // Deeply nested input overflows the recursive-descent parser's stack.
    return { message: `too deeply nested to parse (${error.message})`, tooDeeplyNested: true };
  }
  if (error instanceof Error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const message = error.message.replace(/\s*\(\d+:\d+\)$/, "");
    if (loc) {
      return {
        message: `${message} (${loc.line}:${loc.column + 1})`,
        line: loc.line,
        column: loc.column + 1,
      };
    }
    return { message };
  }
  return { message: String(error) };
}
