import type { FormatterName } from "../core/result.js";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import JSON5 from "json5";
import picomatch from "picomatch";
import { parse as parseYaml } from "yaml";
import type { StyleHints } from "../core/style.js";
import { editorconfigHints, forgetEditorconfigs } from "./editorconfig.js";

/** The formatters lazymod can run on what it changed (`--format-changed`). */
export const FORMATTER_NAMES: readonly FormatterName[] = ["prettier", "biome", "oxfmt"];

/** A formatter the project configures, and where. */
export interface FormatterSetup {
  name: FormatterName;
  /** `Prettier`, `Biome`: for messages. */
  label: string;
  /** The configuration file (absolute), or the package.json that holds it. */
  configFile: string;
  /** The project's own installed binary (`node_modules/.bin/<name>`), if there is one. */
  binary?: string;
}

/** What a file's project says about formatting, read as data: nothing in it is executed. */
export interface ProjectFormatting {
  /** The style the nearest formatter configuration (and .editorconfig) asks for. */
  hints: StyleHints;
  /** Configured formatters, nearest first. */
  formatters: FormatterSetup[];
}

const PRETTIER_FILES = [
  ".prettierrc",
  ".prettierrc.json",
  ".prettierrc.yaml",
  ".prettierrc.yml",
  ".prettierrc.json5",
  ".prettierrc.toml",
  ".prettierrc.js",
  ".prettierrc.cjs",
  ".prettierrc.mjs",
  ".prettierrc.ts",
  ".prettierrc.cts",
  ".prettierrc.mts",
  "prettier.config.js",
  "prettier.config.cjs",
  "prettier.config.mjs",
  "prettier.config.ts",
  "prettier.config.cts",
  "prettier.config.mts",
];
const BIOME_FILES = ["biome.json", "biome.jsonc"];
const OXFMT_FILES = [".oxfmtrc.json", ".oxfmtrc.jsonc", "oxfmt.config.ts", "oxfmt.config.mts"];

export const FORMATTER_LABELS: Record<FormatterName, string> = {
  prettier: "Prettier",
  biome: "Biome",
  oxfmt: "oxfmt",
};

type Found = { name: FormatterName; configFile: string; dir: string; options?: unknown };

/** Configurations found per directory: read once per run. */
const foundByDirectory = new Map<string, { found: Found[]; formatters: FormatterSetup[] }>();

/** Forgets what was read, so a new run sees configuration edited since the last one. */
export function forgetProjectFormatting(): void {
  foundByDirectory.clear();
  configsByDirectory.clear();
  forgetEditorconfigs();
}

/**
 * The formatting configuration that applies to a file: the nearest Prettier configuration
 * (`.prettierrc` in JSON or YAML, `.prettierrc.json5`, package.json `"prettier"`) and the nearest
 * `biome.json(c)`, from the file's directory up to the repository root (the first directory with
 * `.git`), and `.editorconfig` under them. A JavaScript or TOML configuration is noted as present
 * but not read: reading it would mean running it.
 */
export function projectFormattingFor(file: string): ProjectFormatting {
  const dir = path.dirname(path.resolve(file));
  let cached = foundByDirectory.get(dir);
  if (!cached) {
    const found = findConfigurations(dir);
    const formatters = found.map((f) => ({
      name: f.name,
      label: FORMATTER_LABELS[f.name],
      configFile: f.configFile,
      ...binaryFor(f.name, f.dir),
    }));
    cached = { found, formatters };
    foundByDirectory.set(dir, cached);
  }
  const nearest = cached.found[0];
  // Both formatters read .editorconfig for what their own configuration leaves unset.
  const editorconfig = editorconfigHints(file);
  let hints: StyleHints = { ...editorconfig };
  if (nearest?.name === "prettier")
    hints = { ...hints, ...prettierHints(nearest.options, file, nearest.dir) };
  if (nearest?.name === "biome")
    hints = { ...BIOME_LAYOUT, ...hints, ...biomeHints(nearest.options) };
  if (nearest?.name === "oxfmt") hints = { ...hints, ...oxfmtHints(nearest.options) };
  if (nearest) hints.formatterWidth = hints.printWidth ?? 80;
  return { hints, formatters: cached.formatters };
}

/** Each formatter's nearest configuration, nearest first (Prettier, Biome, oxfmt in a tie). */
function findConfigurations(from: string): Found[] {
  const found: Found[] = [];
  const nearest = new Map<FormatterName, Found>();
  for (let dir = from; ; dir = path.dirname(dir)) {
    for (const name of FORMATTER_NAMES) {
      if (nearest.has(name)) continue;
      const config = configIn(name, dir);
      if (!config) continue;
      nearest.set(name, config);
      found.push(config);
    }
    if (nearest.size === FORMATTER_NAMES.length) break;
    if (existsSync(path.join(dir, ".git")) || path.dirname(dir) === dir) break;
  }
  // A Biome configuration whose formatter is off does not format JavaScript.
  return found.filter((f) => f.name !== "biome" || biomeFormats(f.options));
}

const configsByDirectory = new Map<string, Found | undefined>();

/** The formatter's configuration in this very directory (memoised: parents are shared). */
function configIn(name: FormatterName, dir: string): Found | undefined {
  const key = `${name}\0${dir}`;
  if (configsByDirectory.has(key)) return configsByDirectory.get(key);
  const found = readConfigIn(name, dir);
  configsByDirectory.set(key, found);
  return found;
}

function readConfigIn(name: FormatterName, dir: string): Found | undefined {
  if (name === "prettier") return prettierConfigIn(dir);
  const file = (name === "biome" ? BIOME_FILES : OXFMT_FILES)
    .map((f) => path.join(dir, f))
    .find(isFile);
  if (!file) return undefined;
  // JSON and JSONC are read; a TypeScript configuration is not (its defaults stand in).
  const options = /\.jsonc?$/.test(file) ? readJson5(file) : undefined;
  return { name, configFile: file, dir, options };
}

function prettierConfigIn(dir: string): Found | undefined {
  for (const name of PRETTIER_FILES) {
    const file = path.join(dir, name);
    if (!isFile(file)) continue;
    return { name: "prettier", configFile: file, dir, options: readPrettierFile(file) };
  }
  const pkg = path.join(dir, "package.json");
  if (!isFile(pkg)) return undefined;
  const json = readJson5(pkg) as { prettier?: unknown } | undefined;
  if (json?.prettier === undefined) return undefined;
  return { name: "prettier", configFile: pkg, dir, options: json.prettier };
}

/** JSON, YAML and JSON5 are read; JavaScript and TOML are not (undefined: Prettier's defaults). */
function readPrettierFile(file: string): unknown {
  const base = path.basename(file);
  if (base === ".prettierrc" || /\.ya?ml$/.test(base)) return readYaml(file);
  if (/\.json5?$/.test(base)) return readJson5(file);
  return undefined;
}

function readYaml(file: string): unknown {
  try {
    return parseYaml(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function readJson5(file: string): unknown {
  try {
    return JSON5.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The project's own binary, looked for from the configuration's directory up to the repository root. */
function binaryFor(name: FormatterName, from: string): { binary?: string } {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const binary = path.join(dir, "node_modules", ".bin", name);
    if (existsSync(binary)) return { binary };
    if (existsSync(path.join(dir, ".git")) || path.dirname(dir) === dir) return {};
  }
}

// ─── Prettier ───────────────────────────────────────────────────────────────────────────────

type Options = Record<string, unknown>;

function isOptions(value: unknown): value is Options {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Prettier's options for a file: the top level, then each matching `overrides` entry. */
function prettierHints(options: unknown, file: string, dir: string): StyleHints {
  // A shared configuration (`"prettier": "@acme/prettier-config"`) cannot be read without
  // resolving, and perhaps running, a package: Prettier's defaults stand in.
  if (!isOptions(options)) return prettierStyle({});
  let merged: Options = { ...options };
  const relative = path.relative(dir, path.resolve(file)).split(path.sep).join("/");
  for (const override of Array.isArray(options.overrides) ? options.overrides : []) {
    if (!isOptions(override) || !isOptions(override.options)) continue;
    if (!matchesAny(override.files, relative)) continue;
    if (override.excludeFiles !== undefined && matchesAny(override.excludeFiles, relative))
      continue;
    merged = { ...merged, ...override.options };
  }
  return prettierStyle(merged);
}

/** Prettier's glob rule: a pattern without `/` matches the base name at any depth. */
function matchesAny(patterns: unknown, relative: string): boolean {
  const list = Array.isArray(patterns) ? patterns : [patterns];
  return list.some(
    (p) =>
      typeof p === "string" && picomatch(p, { dot: true, basename: !p.includes("/") })(relative),
  );
}

/**
 * Every key Prettier would enforce, its default where the configuration is silent; indentation
 * and width only where it sets them (else .editorconfig's, else the defaults, which are Prettier's).
 */
function prettierStyle(options: Options): StyleHints {
  const hints: StyleHints = {
    quote: options.singleQuote === true ? "'" : '"',
    semicolons: options.semi !== false,
    arrowParens: options.arrowParens === "avoid" ? "avoid" : "always",
    bracketSpacing: options.bracketSpacing !== false,
  };
  const tabWidth = positiveInteger(options.tabWidth);
  if (options.useTabs === true) hints.indent = "\t";
  else if (options.useTabs === false || tabWidth) hints.indent = " ".repeat(tabWidth ?? 2);
  if (tabWidth) hints.tabWidth = tabWidth;
  const printWidth = positiveInteger(options.printWidth);
  if (printWidth) hints.printWidth = printWidth;
  return hints;
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}

// ─── oxfmt ──────────────────────────────────────────────────────────────────────────────────

/** oxfmt takes Prettier's option names, with a print width of 100 by default. */
function oxfmtHints(options: unknown): StyleHints {
  const hints = prettierStyle(isOptions(options) ? options : {});
  return { printWidth: 100, ...hints };
}

// ─── Biome ──────────────────────────────────────────────────────────────────────────────────

function section(options: unknown, ...keys: string[]): Options {
  let current: unknown = options;
  for (const key of keys) current = isOptions(current) ? current[key] : undefined;
  return isOptions(current) ? current : {};
}

function biomeFormats(options: unknown): boolean {
  return (
    section(options, "formatter").enabled !== false &&
    section(options, "javascript", "formatter").enabled !== false
  );
}

/** Biome's own defaults for what .editorconfig may also say: tabs, 2 columns each, 80 wide. */
const BIOME_LAYOUT: StyleHints = { indent: "\t", tabWidth: 2, printWidth: 80 };

/**
 * Biome's JavaScript formatter options (its language section over the general one): its defaults
 * where it is silent, except indentation and width, set only where it sets them.
 */
function biomeHints(options: unknown): StyleHints {
  const general = section(options, "formatter");
  const js = section(options, "javascript", "formatter");
  const pick = (key: string) => js[key] ?? general[key];
  const hints: StyleHints = {
    quote: js.quoteStyle === "single" ? "'" : '"',
    semicolons: js.semicolons !== "asNeeded",
    arrowParens: js.arrowParentheses === "asNeeded" ? "avoid" : "always",
    bracketSpacing: js.bracketSpacing !== false,
  };
  const width = positiveInteger(pick("indentWidth"));
  const style = pick("indentStyle");
  if (style === "tab") hints.indent = "\t";
  else if (style === "space") hints.indent = " ".repeat(width ?? 2);
  if (width) hints.tabWidth = width;
  const lineWidth = positiveInteger(pick("lineWidth"));
  if (lineWidth) hints.printWidth = lineWidth;
  return hints;
}
