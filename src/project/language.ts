import type { FileLanguage } from "../core/result.js";
import { withoutBom } from "../core/text.js";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import picomatch from "picomatch";
import { parse, TSConfckCache, type TSConfckParseResult } from "tsconfck";
import {
  defaultLanguage,
  languageFromCompilerOptions,
  libOfTarget,
  type LanguageSettings,
} from "../core/language.js";
import { DEFAULT_TARGET, type Target } from "../core/types.js";

/** A target given on the command line or in the configuration, which wins over any tsconfig. */
export interface ExplicitTarget {
  target: Target;
  /** `--target` or the configuration file's label. */
  from: string;
}

export interface LanguageResult {
  language: FileLanguage;
  /** Why the tsconfig was not used (broken JSON, an `extends` that does not resolve, …). */
  warning?: string;
  /** That reason alone (`tsconfig.json: not valid JSON …`), without what lazymod does instead. */
  problem?: string;
}

const CONFIG_NAMES = ["tsconfig.json", "jsconfig.json"] as const;

/**
 * Finds each file's language settings the way TypeScript's editor support does: the nearest
 * tsconfig.json or jsconfig.json (tsconfig.json first in one directory) that includes the file
 * (its `files`, `include` and `exclude`, or for a solution-style tsconfig the referenced project
 * that includes it), with its `extends` chain followed (relative paths and packages in
 * node_modules). Reads JSON with comments and trailing commas through tsconfck; never runs code.
 * One resolver per run (it caches what it has read) and per worker thread.
 */
export class LanguageResolver {
  private readonly cache = new TSConfckCache<TSConfckParseResult>();
  private readonly configsByDirectory = new Map<string, Promise<string[]>>();
  private readonly parses = new Map<string, Promise<TSConfckParseResult>>();
  /** The settings each configuration gives TypeScript and JavaScript files (read once). */
  private readonly byConfig = new Map<string, LanguageResult>();

  constructor(
    private readonly cwd: string,
    private readonly explicit?: ExplicitTarget,
  ) {}

  async languageOf(file: string): Promise<LanguageResult> {
    const javascript = /\.[cm]?jsx?$/i.test(file);
    let owner: TSConfckParseResult | undefined;
    try {
      owner = await this.owningConfig(path.resolve(file));
    } catch (error) {
      const failed = (error as { tsconfigFile?: unknown }).tsconfigFile;
      const where = typeof failed === "string" ? this.display(failed) : undefined;
      return this.fallback(where, `${where ?? "tsconfig.json"}: ${reasonOf(error)}`);
    }
    if (!owner) return { language: this.withExplicit(defaultLanguage(), "default") };
    const key = `${javascript ? "js" : "ts"}:${owner.tsconfigFile}`;
    let known = this.byConfig.get(key);
    if (!known) {
      known = this.languageFrom(owner, javascript);
      this.byConfig.set(key, known);
    }
    return known;
  }

  private languageFrom(owner: TSConfckParseResult, javascript: boolean): LanguageResult {
    const used = this.display(owner.tsconfigFile);
    let reading;
    try {
      const options = (owner.tsconfig as { compilerOptions?: unknown }).compilerOptions;
      reading = languageFromCompilerOptions(options, { javascript });
    } catch (error) {
      return this.fallback(used, `${used}: ${reasonOf(error)}`);
    }
    const from = reading.statesLevel ? used : "default";
    return { language: { ...this.withExplicit(reading.settings, from), tsconfig: used } };
  }

  /** The nearest configuration that includes the file, directory by directory up to the root. */
  private async owningConfig(file: string): Promise<TSConfckParseResult | undefined> {
    for (const candidate of await this.configsAbove(path.dirname(file))) {
      const result = await this.parsed(candidate);
      const owner = [result, ...(result.referenced ?? [])].find((config) =>
        includesFile(config, file),
      );
      if (owner) return owner;
    }
    return undefined;
  }

  /** The tsconfig.json and jsconfig.json files in a directory and its ancestors, nearest first. */
  private configsAbove(dir: string): Promise<string[]> {
    let known = this.configsByDirectory.get(dir);
    if (!known) {
      const parent = path.dirname(dir);
      // One synchronous stat per name and directory, each directory once per run: a promise per
      // stat cost five times as much (79 ms of a warm cached run's 1 s on the large corpus).
      const here = CONFIG_NAMES.map((name) => path.join(dir, name)).filter(isFile);
      known = (parent === dir ? Promise.resolve([]) : this.configsAbove(parent)).then((above) => [
        ...here,
        ...above,
      ]);
      this.configsByDirectory.set(dir, known);
    }
    return known;
  }

  private parsed(candidate: string): Promise<TSConfckParseResult> {
    let known = this.parses.get(candidate);
    if (!known) {
      known = parse(candidate, { cache: this.cache });
      this.parses.set(candidate, known);
    }
    return known;
  }

  /** The explicit target, when there is one, replaces the level (not the strictness). */
  private withExplicit(settings: LanguageSettings, from: string): FileLanguage {
    if (!this.explicit) return { ...settings, from };
    const { target } = this.explicit;
    return { ...settings, target, lib: libOfTarget(target), from: this.explicit.from };
  }

  private fallback(tsconfig: string | undefined, reason: string): LanguageResult {
    const language = this.withExplicit(defaultLanguage(), "default");
    const instead = this.explicit
      ? "strictNullChecks is assumed on for its files"
      : `its files are rewritten at the default level (${DEFAULT_TARGET}, strictNullChecks assumed on)`;
    return {
      language: tsconfig ? { ...language, tsconfig } : language,
      warning: `${reason}; ${instead}`,
      problem: reason,
    };
  }

  private display(file: string): string {
    const relative = path.relative(this.cwd, file);
    return (relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file)
      .split(path.sep)
      .join("/");
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

const TS_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts"];
const JS_EXTENSIONS = [".js", ".jsx", ".mjs", ".cjs"];
const DEFAULT_EXCLUDE = ["node_modules", "bower_components", "jspm_packages"];

const matchers = new WeakMap<TSConfckParseResult, (file: string) => boolean>();

/**
 * Whether a configuration includes the file, as TypeScript reads `files`, `include` (default
 * everything, unless `files` is given) and `exclude`: a pattern whose last segment has neither a
 * wildcard nor an extension names a directory and everything under it; `*` does not match names
 * starting with a dot; JavaScript files only with `allowJs` (implied by `checkJs`, as TypeScript
 * reads it, and on by default in a jsconfig.json).
 */
function includesFile(config: TSConfckParseResult, file: string): boolean {
  let matches = matchers.get(config);
  if (!matches) {
    matches = filesMatcher(config);
    matchers.set(config, matches);
  }
  return matches(file);
}

function filesMatcher(config: TSConfckParseResult): (file: string) => boolean {
  const dir = path.dirname(config.tsconfigFile);
  const tsconfig = config.tsconfig as {
    files?: unknown;
    include?: unknown;
    exclude?: unknown;
    compilerOptions?: { allowJs?: unknown; checkJs?: unknown; outDir?: unknown };
  };
  const strings = (value: unknown): string[] | undefined =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : undefined;
  const jsconfig = path.basename(config.tsconfigFile) === "jsconfig.json";
  const allowJs =
    tsconfig.compilerOptions?.allowJs ?? (tsconfig.compilerOptions?.checkJs === true || jsconfig);
  const extensions = allowJs === true ? [...TS_EXTENSIONS, ...JS_EXTENSIONS] : TS_EXTENSIONS;
  const files = new Set((strings(tsconfig.files) ?? []).map((f) => path.resolve(dir, f)));
  const include = strings(tsconfig.include) ?? (tsconfig.files === undefined ? ["**/*"] : []);
  const outDir = tsconfig.compilerOptions?.outDir;
  const exclude = strings(tsconfig.exclude) ?? [
    ...DEFAULT_EXCLUDE,
    ...(typeof outDir === "string" ? [outDir] : []),
  ];
  const absolute = (pattern: string) =>
    path.posix.join(toPosix(path.resolve(dir)), pattern.split(path.sep).join("/"));
  const included = picomatch(include.map((p) => absolute(isDirectoryPattern(p) ? `${p}/**/*` : p)));
  const excluded = picomatch(
    exclude.flatMap((p) =>
      isDirectoryPattern(p) ? [absolute(p), absolute(`${p}/**`)] : [absolute(p)],
    ),
    { dot: true },
  );
  return (file) => {
    if (files.has(file)) return true;
    if (!extensions.some((ext) => file.endsWith(ext))) return false;
    const posix = toPosix(file);
    return included(posix) && !excluded(posix);
  };
}

/** `src`, `./lib/`: no wildcard and no extension in the last segment. */
function isDirectoryPattern(pattern: string): boolean {
  const last = pattern.replace(/\/+$/, "").split("/").pop() ?? "";
  if (last === "" || last === "." || last === "..") return true;
  return !/[*?]/.test(last) && !last.includes(".");
}

function toPosix(file: string): string {
  return file.split(path.sep).join("/");
}

/** One sentence for tsconfck's errors (and file-system errors), without its absolute paths. */
function reasonOf(error: unknown): string {
  const { code, cause, message } = error as { code?: string; cause?: unknown; message?: string };
  const causeCode = (cause as { code?: string } | undefined)?.code;
  if (code === "EXTENDS_RESOLVE") {
    const target = /"extends":"([^"]*)"/.exec(message ?? "")?.[1];
    return `"extends": ${JSON.stringify(target ?? "?")} does not resolve (no such file, and no such package in node_modules)`;
  }
  if (code === "EXTENDS_CIRCULAR") return "its `extends` chain is circular";
  if (code === "PARSE_FILE") {
    if (causeCode === "ENOENT") return "no such file (named by a `references` or `extends` entry)";
    if (causeCode === "EACCES" || causeCode === "EPERM")
      return "cannot be read (permission denied)";
    if (causeCode === "EISDIR") return "is a directory";
    if (cause instanceof SyntaxError) return `not valid JSON (${withLineAndColumn(error)})`;
    return `cannot be read (${(cause as Error | undefined)?.message ?? message})`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * `Expected ',' … at position 44` → `… at line 1, column 45`: tsconfck blanks out comments and
 * trailing commas without moving anything, so the position is one in the file (after any BOM).
 */
function withLineAndColumn(error: unknown): string {
  const { cause, tsconfigFile } = error as { cause: SyntaxError; tsconfigFile?: string };
  const match = / in JSON at position (\d+)/.exec(cause.message);
  if (!match || typeof tsconfigFile !== "string") return cause.message;
  let text: string;
  try {
    text = withoutBom(readFileSync(tsconfigFile, "utf8"));
  } catch {
    return cause.message;
  }
  const before = text.slice(0, Number(match[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return cause.message.replace(match[0], ` at line ${line}, column ${column}`);
}
