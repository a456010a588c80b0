import { withoutBom } from "./core/text.js";
import { fileErrorReason } from "./core/errors.js";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { TransformSettings } from "./core/context.js";
import { parseMaxRisk } from "./core/risk.js";
import { TARGETS, type Target } from "./core/types.js";
import { UsageError } from "./core/errors.js";
import { globMatcher, type FileFilter } from "./runner/filter.js";
import { transformsById } from "../transforms/index.js";
import { describe, isPlainObject, unknownKey } from "./config-values.js";
import { validateOrm } from "./orm-config.js";

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
  orm?: NonNullable<TransformSettings["orm"]>;
  /** false: hold back a change that needs `!` to keep its type, rather than writing `!`. */
  nonNullAssertions?: boolean;
}

export interface LoadedConfig {
  /** The file it came from (absolute). */
  file: string;
  /** How messages name it: `lazymod.config.json` or `package.json "lazymod"`, relative to cwd. */
  label: string;
  config: LazymodConfig;
}

export const CONFIG_FILE = "lazymod.config.json";
export const PACKAGE_KEY = "lazymod";

const KEYS = ["transforms", "maxRisk", "target", "ignore", "orm", "nonNullAssertions"] as const;

/**
 * Finds the configuration that applies to `cwd`: the nearest directory, from `cwd` up to the
 * repository root (the first directory holding `.git`), with a `lazymod.config.json` or a
 * package.json that has a `"lazymod"` key. Two in one directory is an error.
 */
export async function findConfig(cwd: string): Promise<LoadedConfig | undefined> {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const own = path.join(dir, CONFIG_FILE);
    const pkg = path.join(dir, "package.json");
    const fromOwn = existsSync(own) ? await loadConfigFile(own, cwd) : undefined;
    const fromPackage = existsSync(pkg) ? await packageConfig(pkg, cwd, false) : undefined;
    if (fromOwn && fromPackage)
      throw new UsageError(
        `${fromOwn.label} and ${fromPackage.label} both configure lazymod; keep one of them`,
      );
    if (fromOwn || fromPackage) return fromOwn ?? fromPackage;
    if (existsSync(path.join(dir, ".git")) || path.dirname(dir) === dir) return undefined;
  }
}

/** Reads a configuration file named with `--config`: a lazymod.config.json-style file or a package.json. */
export async function loadConfigFile(file: string, cwd: string): Promise<LoadedConfig> {
  const absolute = path.resolve(cwd, file);
  if (path.basename(absolute) === "package.json") {
    const loaded = await packageConfig(absolute, cwd, true);
    if (!loaded) throw new UsageError(`${displayPath(absolute, cwd)} has no "lazymod" key`);
    return loaded;
  }
  const label = displayPath(absolute, cwd);
  const value = parseJson(await readText(absolute, label), label);
  return { file: absolute, label, config: validateConfig(value, label) };
}

async function packageConfig(
  file: string,
  cwd: string,
  explicit: boolean,
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
  return { file, label, config: validateConfig(value[PACKAGE_KEY], label) };
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
export function validateConfig(value: unknown, label: string): LazymodConfig {
  if (!isPlainObject(value))
    throw new UsageError(`${label}: must be a JSON object, got ${describe(value)}`);
  const config: LazymodConfig = {};
  for (const [key, entry] of Object.entries(value)) {
    switch (key) {
      case "transforms":
        config.transforms = validateTransforms(entry, label);
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
        if (
          !Array.isArray(entry) ||
          !entry.every((glob) => typeof glob === "string" && glob.trim() !== "")
        )
          throw new UsageError(
            `${label}: "ignore" must be an array of non-empty glob strings (relative to the configuration file's directory), got ${describe(entry)}`,
          );
        config.ignore = entry as string[];
        break;
      case "orm":
        config.orm = validateOrm(entry, label);
        break;
      case "nonNullAssertions":
        if (typeof entry !== "boolean")
          throw new UsageError(
            `${label}: "nonNullAssertions" must be true or false, got ${describe(entry)}`,
          );
        config.nonNullAssertions = entry;
        break;
      default:
        unknownKey(label, "", key, KEYS);
    }
  }
  return config;
}

function validateTransforms(entry: unknown, label: string): string[] {
  if (!Array.isArray(entry) || !entry.every((id) => typeof id === "string"))
    throw new UsageError(
      `${label}: "transforms" must be an array of transform ids, got ${describe(entry)}`,
    );
  const unknown = entry.filter((id) => !transformsById.has(id));
  if (unknown.length > 0)
    throw new UsageError(
      `${label}: "transforms" names unknown transform ${unknown.map((id) => `"${id}"`).join(", ")}; available: ${[...transformsById.keys()].join(", ")}`,
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
