import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { transforms } from "../transforms/index.js";
import { discoverFixtures, type FixtureCase } from "./helpers/fixtures.js";
import { ROOT } from "./helpers/cli.js";

const JSCODESHIFT = path.join(ROOT, "node_modules/jscodeshift/bin/jscodeshift.js");

/** Fixtures grouped by the options one jscodeshift invocation takes. */
function groups(cases: readonly FixtureCase[]): Map<string, FixtureCase[]> {
  const byOptions = new Map<string, FixtureCase[]>();
  for (const fixture of cases) {
    const key = `${fixture.directives.target ?? "es2022"}|${fixture.directives.maxRisk ?? "100"}|${fixture.configPath ?? ""}`;
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
        const [target, maxRisk, config] = key.split("|");
        const dir = mkdtempSync(path.join(tmpdir(), "lazymod-jscodeshift-"));
        try {
          for (const fixture of group)
            copyFileSync(fixture.inputPath, path.join(dir, path.basename(fixture.inputPath)));
          const run = spawnSync(
            process.execPath,
            [
              JSCODESHIFT,
              "-t",
              path.join(ROOT, `dist/transforms/${id}.js`),
              `--maxRisk=${maxRisk}`,
              `--target=${target}`,
              ...(config ? [`--config=${config}`] : []),
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
