import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { validateConfig } from "../../src/config.js";
import type { TransformSettings } from "../../src/core/context.js";

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
 * - bands=low,medium (every change's band, in source order; `none` for no change at all)
 * - factors=a,b (the set of risk factor ids raised; `none` for none)
 * - messages=a,b (every change's messageId, in source order)
 * - statuses=apply,report (every change's status, in source order)
 * - target=es2023, max-risk=low (options; max-risk defaults to 100 so every rewrite is shown)
 */
export interface Directives {
  bands?: string[];
  factors?: string[];
  messages?: string[];
  statuses?: string[];
  target?: string;
  maxRisk?: string;
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
        ? validateConfig(JSON.parse(readFileSync(configPath, "utf8")), configPath)
        : undefined;
      cases.push({
        transform,
        name: name!,
        inputPath,
        input,
        output: existsSync(outputPath) ? readFileSync(outputPath, "utf8") : undefined,
        directives: parseDirectives(input),
        ...(config && { configPath, settings: config.orm ? { orm: config.orm } : {} }),
      });
    }
  }
  return cases;
}

export function parseDirectives(source: string): Directives {
  const directives: Directives = {};
  for (const line of source.matchAll(/@lazymod\s+([^\n*]+)/g)) {
    for (const pair of line[1]!.trim().split(/\s+/)) {
      const [key, value = ""] = pair.split("=");
      const list = value === "none" ? [] : value.split(",").filter(Boolean);
      if (key === "bands") directives.bands = list;
      else if (key === "factors") directives.factors = list;
      else if (key === "messages") directives.messages = list;
      else if (key === "statuses") directives.statuses = list;
      else if (key === "target") directives.target = value;
      else if (key === "max-risk") directives.maxRisk = value;
      else throw new Error(`unknown fixture directive "${key}"`);
    }
  }
  return directives;
}
