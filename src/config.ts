import { withoutBom } from "./core/text.js";
import { fileErrorReason } from "./core/errors.js";
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { TransformSettings } from "./core/context.js";
import type { SettingsSpec, Transform } from "./core/define.js";
import { parseMaxRisk } from "./core/risk.js";
import { TARGETS, type Target } from "./core/types.js";
import { UsageError } from "./core/errors.js";
import { globMatcher, type FileFilter } from "./runner/filter.js";
import { describe, isPlainObject, unknownKey } from "./core/json-values.js";

/**
 * Project configuration: `lazymod.config.json`, or the `"lazymod"` key of package.json. JSON only:
 * scanning a repository never executes its code.
 */
export interface LazymodConfig {
  /** Transform ids to run (default: all). */
  transforms?: string[];
  /** Highest risk score applied, as a number (bands are resolved when read). */
  maxRisk?: number;
  target?: Target;
  /** Globs of files not to scan, relative to the configuration file's directory. */
  ignore?: string[];
  /** false: hold back a change that needs `!` to keep its type, rather than writing `!`. */
  nonNullAssertions?: boolean;
  /** Globs of test files, relative to the configuration file's directory (default: DEFAULT_TEST_GLOBS). */
  tests?: string[];
  /** Leave test files out (not scanned), as `--exclude-tests` does. */
  excludeTests?: boolean;
  /** Each family's settings under its key (`orm`), as its SettingsSpec checked them. */
  readonly [family: string]: unknown;
}

/**
 * What reading a configuration needs to know of the transforms lazymod runs: their ids (the
 * `transforms` key names them) and their families' settings (each checks its own key).
 */
export interface ConfigContext {
  transforms: readonly Transform[];
}

export interface LoadedConfig {
  /** The file it came from (absolute). */
  file: string;
  /** How messages name it: `lazymod.config.json` or `package.json "lazymod"`, relative to cwd. */
  label: string;
  config: LazymodConfig;
}

const CONFIG_FILE = "lazymod.config.json";
const PACKAGE_KEY = "lazymod";

const KEYS = [
  "transforms",
  "maxRisk",
  "target",
  "ignore",
  "nonNullAssertions",
  "tests",
  "excludeTests",
] as const;

/** What counts as a test file when the configuration does not say (`tests`). */
const DEFAULT_TEST_GLOBS: readonly string[] = ["**/*.test.*", "**/*.spec.*", "**/__tests__/**"];

/** The settings keys the transforms' families read, each once. */
function settingsSpecs(context: ConfigContext): Map<string, SettingsSpec> {
  const specs = new Map<string, SettingsSpec>();
  for (const transform of context.transforms)
    if (transform.settings) specs.set(transform.settings.key, transform.settings);
  return specs;
}

/**
 * Finds the configuration that applies to `cwd`: the nearest directory, from `cwd` up to the
 * repository root (the first directory holding `.git`), with a `lazymod.config.json` or a
 * package.json that has a `"lazymod"` key. Two in one directory is an error.
 */
export async function findConfig(
  cwd: string,
  context: ConfigContext,
): Promise<LoadedConfig | undefined> {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const own = path.join(dir, CONFIG_FILE);
    const pkg = path.join(dir, "package.json");
    const fromOwn = existsSync(own) ? await loadConfigFile(own, cwd, context) : undefined;
    const fromPackage = existsSync(pkg) ? await packageConfig(pkg, cwd, false, context) : undefined;
    if (fromOwn && fromPackage)
      throw new UsageError(
        `${fromOwn.label} and ${fromPackage.label} both configure lazymod; keep one of them`,
      );
    if (fromOwn || fromPackage) return fromOwn ?? fromPackage;
    if (existsSync(path.join(dir, ".git")) || path.dirname(dir) === dir) return undefined;
  }
}

/** Reads a configuration file named with `--config`: a lazymod.config.json-style file or a package.json. */
export async function loadConfigFile(
  file: string,
  cwd: string,
  context: ConfigContext,
): Promise<LoadedConfig> {
  const absolute = path.resolve(cwd, file);
  if (path.basename(absolute) === "package.json") {
    const loaded = await packageConfig(absolute, cwd, true, context);
    if (!loaded) throw new UsageError(`${displayPath(absolute, cwd)} has no "lazymod" key`);
    return loaded;
  }
  const label = displayPath(absolute, cwd);
  const value = parseJson(await readText(absolute, label), label);
  return { file: absolute, label, config: validateConfig(value, label, context) };
}

async function packageConfig(
  file: string,
  cwd: string,
  explicit: boolean,
  context: ConfigContext,
): Promise<LoadedConfig | undefined> {
  const name = displayPath(file, cwd);
  const text = await readText(file, name);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // A broken package.json matters only if it might configure lazymod.
    if (!explicit && !text.includes(`"${PACKAGE_KEY}"`)) return undefined;
    throw new UsageError(`${name}: not valid JSON (${(error as Error).message})`);
  }
  if (!isPlainObject(value) || !(PACKAGE_KEY in value)) return undefined;
  const label = `${name} "${PACKAGE_KEY}"`;
  return { file, label, config: validateConfig(value[PACKAGE_KEY], label, context) };
}

async function readText(file: string, label: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(`${label}: ${fileErrorReason(error)}`);
  }
}

function parseJson(text: string, label: string): unknown {
  try {
    return JSON.parse(withoutBom(text));
  } catch (error) {
    throw new UsageError(
      `${label}: not valid JSON (${(error as Error).message}); the configuration is JSON only, without comments`,
    );
  }
}

function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return (relative && !path.isAbsolute(relative) ? relative : file).split(path.sep).join("/");
}

/** Checks a configuration value; every error names the file and the bad key. */
export function validateConfig(
  value: unknown,
  label: string,
  context: ConfigContext,
): LazymodConfig {
  if (!isPlainObject(value))
    throw new UsageError(`${label}: must be a JSON object, got ${describe(value)}`);
  const specs = settingsSpecs(context);
  const config: Record<string, unknown> & LazymodConfig = {};
  for (const [key, entry] of Object.entries(value)) {
    switch (key) {
      case "transforms":
        config.transforms = validateTransforms(entry, label, context);
        break;
      case "maxRisk": {
        const maxRisk =
          typeof entry === "number" && Number.isInteger(entry)
            ? parseMaxRisk(String(entry))
            : typeof entry === "string"
              ? parseMaxRisk(entry)
              : undefined;
        if (maxRisk === undefined)
          throw new UsageError(
            `${label}: "maxRisk" must be an integer 0-100 or "low", "medium" or "high", got ${describe(entry)}`,
          );
        config.maxRisk = maxRisk;
        break;
      }
      case "target":
        if (typeof entry !== "string" || !TARGETS.includes(entry as Target))
          throw new UsageError(
            `${label}: "target" must be one of ${TARGETS.map((t) => `"${t}"`).join(", ")}, got ${describe(entry)}`,
          );
        config.target = entry as Target;
        break;
      case "ignore":
      case "tests":
        if (
          !Array.isArray(entry) ||
          !entry.every((glob) => typeof glob === "string" && glob.trim() !== "")
        )
          throw new UsageError(
            `${label}: "${key}" must be an array of non-empty glob strings (relative to the configuration file's directory), got ${describe(entry)}`,
          );
        config[key] = entry as string[];
        break;
      case "excludeTests":
      case "nonNullAssertions":
        if (typeof entry !== "boolean")
          throw new UsageError(`${label}: "${key}" must be true or false, got ${describe(entry)}`);
        config[key] = entry;
        break;
      default: {
        const spec = specs.get(key);
        if (!spec) unknownKey(label, "", key, [...KEYS, ...specs.keys()]);
        config[key] = spec.validate(entry, label);
      }
    }
  }
  return config;
}

/** What the transforms may read of a configuration: their families' keys, and `nonNullAssertions`. */
export function transformSettingsOf(
  config: LazymodConfig,
  context: ConfigContext,
): TransformSettings | undefined {
  const settings: Record<string, unknown> = {};
  for (const key of settingsSpecs(context).keys())
    if (config[key] !== undefined) settings[key] = config[key];
  if (config.nonNullAssertions !== undefined) settings.nonNullAssertions = config.nonNullAssertions;
  return Object.keys(settings).length > 0 ? settings : undefined;
}

function validateTransforms(entry: unknown, label: string, context: ConfigContext): string[] {
  if (!Array.isArray(entry) || !entry.every((id) => typeof id === "string"))
    throw new UsageError(
      `${label}: "transforms" must be an array of transform ids, got ${describe(entry)}`,
    );
  const known = context.transforms.map((t) => t.id);
  const unknown = entry.filter((id) => !known.includes(id));
  if (unknown.length > 0)
    throw new UsageError(
      `${label}: "transforms" names unknown transform ${unknown.map((id) => `"${id}"`).join(", ")}; available: ${known.join(", ")}`,
    );
  return entry as string[];
}

/** The configuration's `ignore` globs as a filter; skipped files are counted with the file's name. */
export function configIgnoreFilter(loaded: LoadedConfig): FileFilter | undefined {
  const globs = loaded.config.ignore;
  if (!globs || globs.length === 0) return undefined;
  const matches = globMatcher(globs, path.dirname(loaded.file));
  return {
    accepts: (file) => !matches(file),
    skipReason: `ignored by ${loaded.label}`,
  };
}

/**
 * Which files are test code: the configuration's `tests` globs (relative to its directory), else
 * DEFAULT_TEST_GLOBS; relative to the configuration's directory, or `cwd` without one; read like `ignore` (see globMatcher). `[]`: none.
 */
export function testFileMatcher(
  loaded: LoadedConfig | undefined,
  cwd: string,
): (file: string) => boolean {
  const globs = loaded?.config.tests ?? DEFAULT_TEST_GLOBS;
  if (globs.length === 0) return () => false;
  return globMatcher(globs, loaded ? path.dirname(loaded.file) : cwd);
}

const settingsFromFiles = new Map<string, TransformSettings | undefined>();

/**
 * What some transforms may read of a configuration file: their families' keys, read
 * synchronously and once per file (for the jscodeshift exports, whose transform is a plain
 * function), from a lazymod.config.json-style file or a package.json with a `"lazymod"` key. Each
 * key is checked as the command line checks it; the other keys are the command line's business.
 */
export function transformSettingsFromFile(
  file: string,
  context: ConfigContext,
): TransformSettings | undefined {
  const absolute = path.resolve(file);
  if (settingsFromFiles.has(absolute)) return settingsFromFiles.get(absolute);
  let text: string;
  try {
    text = readFileSync(absolute, "utf8");
  } catch (error) {
    throw new UsageError(`${file}: ${fileErrorReason(error)}`);
  }
  const isPackage = path.basename(absolute) === "package.json";
  const value = parseJson(text, file);
  if (isPackage && !(isPlainObject(value) && PACKAGE_KEY in value))
    throw new UsageError(`${file} has no "${PACKAGE_KEY}" key`);
  const config = isPackage ? (value as Record<string, unknown>)[PACKAGE_KEY] : value;
  const label = isPackage ? `${file} "${PACKAGE_KEY}"` : file;
  if (!isPlainObject(config))
    throw new UsageError(`${label}: must be a JSON object, got ${describe(config)}`);
  const checked: Record<string, unknown> = {};
  for (const [key, spec] of settingsSpecs(context))
    if (config[key] !== undefined) checked[key] = spec.validate(config[key], label);
  const settings = transformSettingsOf(checked, context);
  settingsFromFiles.set(absolute, settings);
  return settings;
}
