import { transforms } from "../../transforms/index.js";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { transformSettingsOf, validateConfig } from "../../src/config.js";
import type { TransformSettings } from "../../src/core/context.js";
import { languageFromCompilerOptions } from "../../src/core/language.js";
import { parseMaxRisk } from "../../src/core/risk.js";

export const FIXTURES_ROOT = path.resolve(import.meta.dirname, "../../__testfixtures__");

export interface FixtureCase {
  transform: string;
  name: string;
  inputPath: string;
  input: string;
  /** undefined: the input must come back unchanged. */
  output?: string;
  directives: Directives;
  /**
   * `<case>.config.json` beside the input, a lazymod configuration whose `orm` settings the case
   * runs with (wrapper modules and receivers).
   */
  configPath?: string;
  settings?: TransformSettings;
}

/**
 * Stated in the input as `// @lazymod key=value …`:
 * - bands=low,medium (required: every change's band, in source order; `none` for no change at all)
 * - factors=a,b (required: the set of risk factor ids raised; `none` for none)
 * - messages=a,b (required: every change's messageId, in source order; `none` for no change)
 * - statuses=apply,report (every change's status, in source order)
 * - target=es2023, max-risk=low (options; max-risk defaults to 100 so every rewrite is shown)
 * - the file's tsconfig `compilerOptions` (default: `target` es2022, `strict` on):
 *   lib=es2020,dom, strict=false, no-unchecked-indexed-access=true, check-js=true
 * - non-null-assertions=false (the configuration key)
 */
export interface Directives {
  bands?: string[];
  factors?: string[];
  messages?: string[];
  statuses?: string[];
  target?: string;
  maxRisk?: string;
  lib?: string[];
  strict?: boolean;
  noUncheckedIndexedAccess?: boolean;
  checkJs?: boolean;
  nonNullAssertions?: boolean;
  /**
   * sqlite-only=f,g / postgres-only=f,g: exported functions of a runnable ORM fixture that use an
   * API only that database has (Drizzle's synchronous `.all()`, Prisma's `mode`); on the other
   * database the original and the rewritten function must both throw.
   */
  sqliteOnly?: string[];
  postgresOnly?: string[];
  /**
   * databases-differ=true: a runnable ORM fixture that pins a difference between SQLite and
   * PostgreSQL (NULL order, LIKE and case): some function answers differently on the two, while
   * on each the original and the rewritten module agree.
   */
  databasesDiffer?: boolean;
  /**
   * postgres-differs=f,g: functions whose rewrite is not safe on PostgreSQL only: there the
   * original and the rewritten answers differ, on SQLite they agree, and each of their changes
   * is out of the low band with a risk factor whose reason names PostgreSQL.
   */
  postgresDiffers?: string[];
}

/** What every fixture must state, so it says what it checks. */
export const REQUIRED_DIRECTIVES = ["bands", "factors", "messages"] as const;

/** The required directives a fixture does not state. */
export function missingDirectives(directives: Directives): (typeof REQUIRED_DIRECTIVES)[number][] {
  return REQUIRED_DIRECTIVES.filter((key) => directives[key] === undefined);
}

/** The tsconfig `compilerOptions` a fixture states (the jscodeshift test writes them to a file). */
export function fixtureCompilerOptions(directives: Directives): Record<string, unknown> {
  return {
    target: directives.target ?? "es2022",
    strict: directives.strict ?? true,
    ...(directives.lib ? { lib: directives.lib } : {}),
    ...(directives.noUncheckedIndexedAccess !== undefined
      ? { noUncheckedIndexedAccess: directives.noUncheckedIndexedAccess }
      : {}),
    ...(directives.checkJs !== undefined ? { checkJs: directives.checkJs } : {}),
  };
}

/** The options a fixture runs with, its language read as lazymod reads a tsconfig. */
export function fixtureOptions(fixture: FixtureCase) {
  const { directives } = fixture;
  const { settings: language } = languageFromCompilerOptions(fixtureCompilerOptions(directives), {
    javascript: /\.[cm]?jsx?$/.test(fixture.inputPath),
  });
  return {
    path: fixture.inputPath,
    language,
    maxRisk: parseMaxRisk(directives.maxRisk ?? "100")!,
    ...(directives.nonNullAssertions !== undefined || fixture.settings
      ? {
          settings: {
            ...fixture.settings,
            ...(directives.nonNullAssertions !== undefined
              ? { nonNullAssertions: directives.nonNullAssertions }
              : {}),
          },
        }
      : {}),
  };
}

const INPUT = /^(.+)\.input\.([cm]?[jt]sx?)$/;

export function discoverFixtures(): FixtureCase[] {
  const cases: FixtureCase[] = [];
  for (const transform of readdirSync(FIXTURES_ROOT).sort()) {
    const dir = path.join(FIXTURES_ROOT, transform);
    for (const file of readdirSync(dir).sort()) {
      const match = INPUT.exec(file);
      if (!match) continue;
      const [, name, ext] = match;
      const inputPath = path.join(dir, file);
      const outputPath = path.join(dir, `${name}.output.${ext}`);
      const input = readFileSync(inputPath, "utf8");
      const configPath = path.join(dir, `${name}.config.json`);
      const config = existsSync(configPath)
        ? validateConfig(JSON.parse(readFileSync(configPath, "utf8")), configPath, { transforms })
        : undefined;
      cases.push({
        transform,
        name: name!,
        inputPath,
        input,
        output: existsSync(outputPath) ? readFileSync(outputPath, "utf8") : undefined,
        directives: parseDirectives(input),
        ...(config && { configPath, settings: transformSettingsOf(config, { transforms }) ?? {} }),
      });
    }
  }
  return cases;
}

function flag(key: string, value: string): boolean {
  if (value !== "true" && value !== "false") throw new Error(`fixture directive ${key}=true|false`);
  return value === "true";
}

const LIST_KEYS = new Set([
  "bands",
  "factors",
  "messages",
  "statuses",
  "lib",
  "sqlite-only",
  "postgres-only",
  "postgres-differs",
]);

export function parseDirectives(source: string): Directives {
  const directives: Directives = {};
  for (const line of source.matchAll(/@lazymod\s+([^\n*]+)/g)) {
    for (const pair of line[1]!.trim().split(/\s+/)) {
      const [key, value = ""] = pair.split("=");
      if (LIST_KEYS.has(key!) && value === "")
        throw new Error(
          `fixture directive ${key}= needs a value (a comma-separated list, or none)`,
        );
      const list = value === "none" ? [] : value.split(",").filter(Boolean);
      if (key === "bands") directives.bands = list;
      else if (key === "factors") directives.factors = list;
      else if (key === "messages") directives.messages = list;
      else if (key === "statuses") directives.statuses = list;
      else if (key === "target") directives.target = value;
      else if (key === "max-risk") directives.maxRisk = value;
      else if (key === "lib") directives.lib = list;
      else if (key === "strict") directives.strict = flag(key, value);
      else if (key === "no-unchecked-indexed-access")
        directives.noUncheckedIndexedAccess = flag(key, value);
      else if (key === "check-js") directives.checkJs = flag(key, value);
      else if (key === "non-null-assertions") directives.nonNullAssertions = flag(key, value);
      else if (key === "sqlite-only") directives.sqliteOnly = list;
      else if (key === "postgres-only") directives.postgresOnly = list;
      else if (key === "postgres-differs") directives.postgresDiffers = list;
      else if (key === "databases-differ") directives.databasesDiffer = flag(key, value);
      else throw new Error(`unknown fixture directive "${key}"`);
    }
  }
  return directives;
}
