import { parse as babelParse, type ParserOptions, type ParserPlugin } from "@babel/parser";
import type * as t from "@babel/types";
import tsOptions from "jscodeshift/parser/tsOptions.js";
import { walk } from "../ast/walk.js";
import type { ParseFailure } from "./types.js";

export type ParserName = "ts" | "tsx" | "babylon";

/**
 * How one file's text was parsed: the parser its extension picks, and the variant its text
 * needed. Every later parse of a rewrite of that file uses the same mode, so a file read as a
 * sloppy-mode script is verified as a script, and a rewrite is never accepted only because a
 * different reading of the file happens to take it.
 */
export interface ParseMode {
  parser: ParserName;
  /** `babylon` only: with the Flow plugins. */
  flow: boolean;
  /** `script`: a `.js`/`.jsx`/`.cjs` file that is valid only outside strict mode. */
  sourceType: "module" | "script";
  /**
   * `legacy`: TypeScript's `experimentalDecorators` (parameter decorators, before `export` only);
   * `standard`: the TC39 proposal (before or after `export`, no parameter decorators).
   */
  decorators: "legacy" | "standard";
}

/**
 * jscodeshift's own option sets, so lazymod reads what `jscodeshift --parser=<name>` reads, with
 * two differences: `tokens` is off (lazymod splices text instead of reprinting with recast, and the
 * token list roughly doubles parse time), and the `babylon` set's decorators may stand before or
 * after `export`, as the current proposal allows (jscodeshift's set refuses them before it).
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
  "decorators",
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
 * A script is what Node runs as CommonJS (top-level `return` included); `import`/`export`
 * declarations and `import.meta` make a file a module, so they are errors there.
 */
const asScript: ParserOptions = { sourceType: "script", allowImportExportEverywhere: false };

const isFlowPlugin = (plugin: ParserPlugin) =>
  plugin === "flowComments" || (Array.isArray(plugin) && plugin[0] === "flow");
const isDecoratorPlugin = (plugin: ParserPlugin) =>
  plugin === "decorators" ||
  plugin === "decorators-legacy" ||
  (Array.isArray(plugin) && plugin[0] === "decorators");

function withDecorators(plugins: readonly ParserPlugin[], kind: ParseMode["decorators"]) {
  return [
    ...plugins.filter((p) => !isDecoratorPlugin(p)),
    kind === "legacy" ? "decorators-legacy" : "decorators",
  ] as ParserPlugin[];
}

function pluginsFor(mode: ParseMode): ParserPlugin[] {
  if (mode.parser === "babylon") {
    /**
     * jscodeshift's `babylon` set parses every .js file as Flow (`flow: { all: true }`, plus
     * `flowComments`), which is slower on plain JavaScript and misreads some of it: `/* : *\/`
     * becomes a type annotation (monaco-editor's path.js), `a < b > (c)` a call with type
     * arguments. So plain JavaScript is parsed without Flow, and the Flow set is used for files
     * with an `@flow` pragma or that parse only with it.
     */
    const plugins = mode.flow ? babylonPlugins : babylonPlugins.filter((p) => !isFlowPlugin(p));
    return withDecorators(plugins, mode.decorators);
  }
  const ts = withDecorators((tsOptions as ParserOptions).plugins ?? [], mode.decorators);
  return mode.parser === "tsx" ? ["jsx", ...ts] : ts;
}

const optionsByMode = new Map<string, ParserOptions>();

function optionsFor(mode: ParseMode): ParserOptions {
  const key = `${mode.parser} ${mode.flow} ${mode.sourceType} ${mode.decorators}`;
  let options = optionsByMode.get(key);
  if (!options) {
    options = {
      ...(mode.parser === "babylon" ? {} : (tsOptions as ParserOptions)),
      ...shared,
      ...(mode.sourceType === "script" ? asScript : {}),
      plugins: pluginsFor(mode),
    };
    optionsByMode.set(key, options);
  }
  return options;
}

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

/**
 * Whether a file may be read as a sloppy-mode script when it does not parse as a module: any
 * JavaScript file but `.mjs`, which Node always runs as a module (so always strict). TypeScript
 * files are read as modules, as TypeScript does with `alwaysStrict` (part of `strict`).
 */
export function allowsScript(path: string, parser: ParserName): boolean {
  return parser === "babylon" && !/\.mjs$/i.test(path);
}

export class SourceParseError extends Error {
  readonly failure: ParseFailure;
  /** Babel's `reasonCode` (`StrictWith`, `UnexpectedReservedWord`, …), when it gave one. */
  readonly reasonCode?: string;
  /** Offset of the error in the text, when known. */
  readonly index?: number;
  constructor(failure: ParseFailure, reasonCode?: string, index?: number) {
    super(failure.message);
    this.name = "SourceParseError";
    this.failure = failure;
    this.reasonCode = reasonCode;
    this.index = index;
  }
}

export interface ParseSourceOptions {
  /** Retry as a sloppy-mode script (see allowsScript); default false: modules only. */
  allowScript?: boolean;
}

export interface ParsedSource {
  ast: t.File;
  mode: ParseMode;
}

/**
 * Parses a file's text, finding the mode it needs: a module first (with Flow first when the
 * text has an `@flow` pragma), then, as the error calls for it, a script (a rule only strict
 * mode has), the other decorator syntax (an error at an `@`), the other Flow setting. Throws the
 * SourceParseError of the attempt that read furthest into the text (the first one on a tie, and
 * never a script's error that only shows the file is a module).
 */
export function parseSourceWithMode(
  text: string,
  parser: ParserName,
  options: ParseSourceOptions = {},
): ParsedSource {
  const initial: ParseMode = {
    parser,
    flow: parser === "babylon" && text.includes("@flow"),
    sourceType: "module",
    decorators: parser === "babylon" ? "standard" : "legacy",
  };
  const queue: ParseMode[] = [initial];
  const tried = new Set<string>();
  let best: SourceParseError | undefined;
  while (queue.length > 0) {
    const mode = queue.shift()!;
    const key = `${mode.flow} ${mode.sourceType} ${mode.decorators}`;
    if (tried.has(key)) continue;
    tried.add(key);
    try {
      return { ast: parseWithMode(text, mode), mode };
    } catch (error) {
      if (!(error instanceof SourceParseError) || error.failure.tooDeeplyNested) throw error;
      // A script that stops at module syntax is a module: that attempt says nothing new.
      const isModuleSyntax =
        mode.sourceType === "script" && MODULE_SYNTAX.has(error.reasonCode ?? "");
      if (!best || (!isModuleSyntax && (error.index ?? -1) > (best.index ?? -1))) best = error;
      if (error.index !== undefined && text[error.index] === "@")
        queue.push({ ...mode, decorators: mode.decorators === "legacy" ? "standard" : "legacy" });
      if (options.allowScript && mode.sourceType === "module" && isStrictModeOnly(error, text))
        queue.push({ ...mode, sourceType: "script" });
      if (parser === "babylon" && mode.flow === initial.flow)
        queue.push({ ...mode, flow: !mode.flow });
    }
  }
  throw best!;
}

/** Parses or throws a SourceParseError whose message names the line and column. */
/**
 * A file's text parsed as its path says: the parser its extension picks (Babel for anything
 * else) and a sloppy-mode script allowed where allowsScript allows one.
 */
export function parseFileSource(
  path: string,
  text: string,
  parser: ParserName = parserForPath(path) ?? "babylon",
): ParsedSource & { parser: ParserName } {
  return {
    ...parseSourceWithMode(text, parser, { allowScript: allowsScript(path, parser) }),
    parser,
  };
}

export function parseSource(
  text: string,
  parser: ParserName,
  options: ParseSourceOptions = {},
): t.File {
  return parseSourceWithMode(text, parser, options).ast;
}

export function canParse(text: string, parser: ParserName, options: ParseSourceOptions = {}) {
  try {
    parseSourceWithMode(text, parser, options);
    return true;
  } catch {
    return false;
  }
}

/** Parses in exactly this mode (a rewrite of a file, in the mode the file was read in). */
export function parseWithMode(text: string, mode: ParseMode): t.File {
  const options = optionsFor(mode);
  if (mode.decorators === "legacy") return parseWithDecoratedRest(text, options);
  return parseWith(text, options);
}

export function canParseWithMode(text: string, mode: ParseMode): boolean {
  try {
    parseWithMode(text, mode);
    return true;
  } catch {
    return false;
  }
}

/**
 * Babel's reasons for errors that only strict mode (every module) has: reserved words such as
 * `package`, `interface`, `yield`, `let` or `await` used as names, `with`, legacy octal literals
 * and escapes, duplicate parameter names, `delete x`, assigning `eval`/`arguments`, a function
 * declared in an `if`. HTML-like comments (`<!--`, `-->`) are script-only too.
 */
const STRICT_MODE_ONLY = new Set([
  "StrictDelete",
  "StrictEvalArguments",
  "StrictEvalArgumentsBinding",
  "StrictFunction",
  "StrictNumericEscape",
  "StrictOctalLiteral",
  "StrictWith",
  "UnexpectedReservedWord",
  "ParamDupe",
]);

function isStrictModeOnly(error: SourceParseError, text: string): boolean {
  if (error.reasonCode !== undefined && STRICT_MODE_ONLY.has(error.reasonCode)) return true;
  const at = error.index;
  return at !== undefined && (text.startsWith("<!--", at) || text.startsWith("-->", at));
}

/** Babel's reasons for a script's errors that only mean the file is a module. */
const MODULE_SYNTAX = new Set([
  "ImportOutsideModule",
  "ImportMetaOutsideModule",
  "AwaitNotInAsyncContext",
]);

/** The most decorated rest parameters one file is read past (each costs a parse). */
const MAX_DECORATED_REST = 64;

/**
 * TypeScript accepts a decorator on a rest parameter (`constructor(@unmanaged() ...stores)`,
 * inversify's documented form); Babel 7's `decorators-legacy` stops at the `...`. So when the
 * parse fails at a `...`, the three dots are read as spaces (offsets unchanged) and the text
 * parsed again; the result stands only if each blanked `...` is right before the last parameter
 * of a function, and that parameter is decorated, has no default and is no parameter property:
 * exactly what TypeScript accepts. The parameter then reads as a plain decorated one, which only
 * loses what its rest-ness would prove (that it is an array), and keeps its decorators' code
 * (and their uses of bindings) in the tree.
 */
function parseWithDecoratedRest(text: string, options: ParserOptions): t.File {
  let masked = text;
  const blanked: number[] = [];
  let first: SourceParseError | undefined;
  for (;;) {
    let ast: t.File;
    try {
      ast = parseWith(masked, options);
    } catch (error) {
      if (!(error instanceof SourceParseError)) throw error;
      first ??= error;
      const at = error.index;
      if (at === undefined || !masked.startsWith("...", at) || blanked.length >= MAX_DECORATED_REST)
        throw first;
      masked = `${masked.slice(0, at)}   ${masked.slice(at + 3)}`;
      blanked.push(at);
      continue;
    }
    if (blanked.length > 0 && !blanked.every(isDecoratedRestAt(ast, text))) throw first!;
    return ast;
  }
}

function isDecoratedRestAt(ast: t.File, text: string): (at: number) => boolean {
  const starts = new Set<number>();
  walk(ast, (node) => {
    const params = (node as { params?: unknown }).params;
    if (!Array.isArray(params) || params.length === 0) return;
    const last = params[params.length - 1] as t.Node;
    if (last.type === "AssignmentPattern" || last.type === "TSParameterProperty") return;
    const decorators = (last as { decorators?: t.Decorator[] | null }).decorators;
    if (decorators && decorators.length > 0 && last.start != null) starts.add(last.start);
  });
  return (at) => {
    let name = at + 3;
    while (name < text.length && /\s/.test(text[name]!)) name++;
    return starts.has(name);
  };
}

function parseWith(text: string, options: ParserOptions): t.File {
  try {
    return babelParse(text, options) as unknown as t.File;
  } catch (error) {
    const { reasonCode, loc } = (error ?? {}) as {
      reasonCode?: unknown;
      loc?: { index?: unknown };
    };
    throw new SourceParseError(
      describeParseError(error),
      typeof reasonCode === "string" ? reasonCode : undefined,
      typeof loc?.index === "number" ? loc.index : undefined,
    );
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
