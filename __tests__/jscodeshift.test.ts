import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { transforms } from "../transforms/index.js";
import { discoverFixtures, fixtureCompilerOptions, type FixtureCase } from "./helpers/fixtures.js";
import { ROOT } from "./helpers/cli.js";

const JSCODESHIFT = path.join(ROOT, "node_modules/jscodeshift/bin/jscodeshift.js");

interface Invocation {
  maxRisk: string;
  nonNullAssertions?: boolean;
  /** A fixture's `<case>.config.json` (its `orm` settings). */
  config?: string;
  /** Written to the directory's tsconfig.json, which the transform reads as lazymod does. */
  compilerOptions: Record<string, unknown>;
}

/** Fixtures grouped by the options and tsconfig one jscodeshift invocation takes. */
function groups(cases: readonly FixtureCase[]): Map<string, FixtureCase[]> {
  const byOptions = new Map<string, FixtureCase[]>();
  for (const fixture of cases) {
    const { maxRisk = "100", nonNullAssertions } = fixture.directives;
    const invocation: Invocation = {
      maxRisk,
      ...(nonNullAssertions !== undefined ? { nonNullAssertions } : {}),
      ...(fixture.configPath ? { config: fixture.configPath } : {}),
      compilerOptions: fixtureCompilerOptions(fixture.directives),
    };
    const key = JSON.stringify(invocation);
    byOptions.set(key, [...(byOptions.get(key) ?? []), fixture]);
  }
  return byOptions;
}

describe("each transform file is a plain jscodeshift transform", () => {
  const fixtures = discoverFixtures();
  // jscodeshift's defaults (@babel/register, a worker process) for the first transform, as a user
  // runs it; the others in band without Babel, which tests the same export faster.
  it.each(transforms.map((t, i) => [t.id, i === 0] as const))(
    "jscodeshift -t dist/transforms/%s.js gives the fixtures' outputs (jscodeshift defaults: %s)",
    (id, defaults) => {
      const cases = fixtures.filter((f) => f.transform === id);
      expect(cases.length).toBeGreaterThan(0);
      for (const [key, group] of groups(cases)) {
        const invocation = JSON.parse(key) as Invocation;
        const dir = mkdtempSync(path.join(tmpdir(), "lazymod-jscodeshift-"));
        try {
          for (const fixture of group)
            copyFileSync(fixture.inputPath, path.join(dir, path.basename(fixture.inputPath)));
          const compilerOptions = { ...invocation.compilerOptions, allowJs: true };
          writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions }));
          const run = spawnSync(
            process.execPath,
            [
              JSCODESHIFT,
              "-t",
              path.join(ROOT, `dist/transforms/${id}.js`),
              `--maxRisk=${invocation.maxRisk}`,
              ...(invocation.nonNullAssertions === false ? ["--nonNullAssertions=false"] : []),
              ...(invocation.config ? [`--config=${invocation.config}`] : []),
              "--extensions=ts,tsx,js,jsx,cjs,mjs,mts,cts",
              "--fail-on-error",
              ...(defaults ? [] : ["--no-babel", "--run-in-band"]),
              dir,
            ],
            { cwd: dir, encoding: "utf8" },
          );
          expect(run.status, run.stderr + run.stdout).toBe(0);
          expect(run.stdout).toMatch(/0 errors/);
          for (const fixture of group) {
            const actual = readFileSync(path.join(dir, path.basename(fixture.inputPath)), "utf8");
            expect(actual, fixture.name).toBe(fixture.output ?? fixture.input);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    },
    60_000,
  );
});
