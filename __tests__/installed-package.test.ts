/**
 * lazymod as a user gets it: `npm pack` here, `npm install -D ./lazymod-<version>.tgz` in an empty
 * project (which installs lazymod's dependencies, never its devDependencies), then every command
 * and format run from there through the installed bin. A runtime import of a devDependency, a
 * file missing from the package's "files", or published types that do not resolve fail here.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPLY_OPTIONS, OPTIONS } from "../src/options.js";
import { reporters } from "../src/reporters/index.js";
import { transforms } from "../transforms/index.js";
import { ROOT } from "./helpers/cli.js";

const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
};

const LOW_TS =
  "const xs: number[] = [1, 2];\nexport const any = xs.filter((x) => x > 1).length > 0;\n";
const LOW_TS_AFTER = "const xs: number[] = [1, 2];\nexport const any = xs.some((x) => x > 1);\n";
const EVERY_JS =
  "const ys = [1, 2, 3];\nexport const allPositive = ys.filter((y) => y > 0).length === ys.length;\n";
const EVERY_JS_AFTER =
  "const ys = [1, 2, 3];\nexport const allPositive = ys.every((y) => y > 0);\n";
/** Medium risk (callback by reference, receiver not provably an array): held back by default. */
const HELD_JS = "export const check = (xs) => xs.filter(isValid).length > 0;\n";

/** The small project: two low-risk changes, one held back, and clean files (so both shards of
 * two get files: the shard of a path is a stable hash, checked below). */
const PROJECT: Record<string, string> = {
  "src/low.ts": LOW_TS,
  "src/every.js": EVERY_JS,
  "src/held.js": HELD_JS,
};
for (const name of ["one", "two", "three", "four", "five", "six"])
  PROJECT[`src/${name}.ts`] = `export const ${name} = 1;\n`;

/** npm's own variables (npm test sets npm_config_local_prefix to this repository, for one) must
 * not reach the npm commands below, or they would act on this repository instead of the project. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, NO_COLOR: "1", CI: "1", ...extra };
}

function npm(args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync("npm", args, { cwd, encoding: "utf8", env: cleanEnv() });
}

function expectSuccess(result: SpawnSyncReturns<string>, what: string): void {
  if (result.status !== 0)
    throw new Error(`${what} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
}

let work: string;
let consumer: string;
let installedBin: string;
let installedPackage: string;

function writeProject(dir: string): void {
  for (const [name, text] of Object.entries(PROJECT)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

/** A fresh copy of the small project inside the consumer (which has lazymod installed). */
function freshProject(name: string): string {
  const dir = path.join(consumer, name);
  rmSync(dir, { recursive: true, force: true });
  writeProject(dir);
  return dir;
}

function read(dir: string, file: string): string {
  return readFileSync(path.join(dir, file), "utf8");
}

/** Runs the installed `lazymod` bin (the link npm made in node_modules/.bin, as npx would). */
function lazymod(args: string[], cwd: string) {
  const result = spawnSync(installedBin, args, { cwd, encoding: "utf8", env: cleanEnv() });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonReport {
  files: Array<{ path: string; changes: Array<{ transform: string; status: string }> }>;
  summary: { filesScanned: number; changes: number };
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), "lazymod-installed-"));
  // `npm pack` runs the `prepare` script (the build) first, as it does for a user.
  expectSuccess(npm(["pack", "--pack-destination", work], ROOT), "npm pack");
  const tarball = path.join(work, `${PACKAGE.name}-${PACKAGE.version}.tgz`);
  expect(existsSync(tarball)).toBe(true);
  consumer = path.join(work, "consumer");
  mkdirSync(consumer);
  writeFileSync(
    path.join(consumer, "package.json"),
    JSON.stringify({ name: "consumer", version: "1.0.0", private: true }, null, 2),
  );
  // The README's line; the cache is warm after `npm ci`, so this is mostly offline.
  expectSuccess(
    npm(["install", "-D", "--prefer-offline", "--no-audit", "--no-fund", tarball], consumer),
    "npm install of the tarball",
  );
  installedPackage = path.join(consumer, "node_modules", PACKAGE.name);
  installedBin = path.join(consumer, "node_modules", ".bin", "lazymod");
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the packed and installed lazymod", () => {
  it("is installed without any package that only lazymod's development needs", () => {
    expect(existsSync(installedBin)).toBe(true);
    // The lockfile marks "dev" the packages that only devDependencies need (a devDependency that
    // is also a runtime dependency's dependency, such as semver, is not one of them), and
    // "devOptional" those that are besides an optional peer of a runtime dependency (typescript,
    // for tsconfck), which a production install leaves out too.
    const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as {
      packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
    };
    const devOnly = new Map<string, boolean>();
    for (const [location, entry] of Object.entries(lock.packages)) {
      const name = location.replace(/^.*node_modules\//, "");
      if (location !== "")
        devOnly.set(
          name,
          (devOnly.get(name) ?? true) && (entry.dev === true || entry.devOptional === true),
        );
    }
    const names = [...devOnly].filter(([, only]) => only).map(([name]) => name);
    expect(names).toEqual(expect.arrayContaining(["vitest", "eslint", "better-sqlite3"]));
    expect(names.filter((name) => existsSync(path.join(consumer, "node_modules", name)))).toEqual(
      [],
    );
    // The package holds what it runs from, and not the build's own bookkeeping.
    for (const part of ["dist/src/cli.js", "schema/plan-v1.schema.json", "README.md"])
      expect(existsSync(path.join(installedPackage, part)), part).toBe(true);
    expect(existsSync(path.join(installedPackage, "src"))).toBe(false);
    expect(existsSync(path.join(installedPackage, "dist/.tsbuildinfo"))).toBe(false);
  });

  it("--help lists every option, --version and --list answer", () => {
    const help = lazymod(["--help"], consumer);
    expect(help.code).toBe(0);
    for (const option of OPTIONS) expect(help.stdout).toContain(`--${option.name}`);
    const version = lazymod(["--version"], consumer);
    expect(version).toMatchObject({ code: 0, stdout: `${PACKAGE.version}\n` });
    const list = lazymod(["--list"], consumer);
    expect(list.code).toBe(0);
    for (const transform of transforms)
      expect(list.stdout).toMatch(new RegExp(`^${transform.id}\\s`, "m"));
    // `npx lazymod` (the README's form) finds the installed bin without asking the registry.
    const npx = spawnSync("npx", ["--no", "--", "lazymod", "--version"], {
      cwd: consumer,
      encoding: "utf8",
      env: cleanEnv(),
    });
    expect(npx.stdout).toBe(`${PACKAGE.version}\n`);
  });

  it("a dry run reports every change and writes nothing; --check exits 1", () => {
    const dir = freshProject("dry");
    const result = lazymod(["src"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("src/low.ts:2:20  prefer-array-some");
    expect(result.stdout).toContain("src/every.js:2:28  prefer-array-every");
    expect(result.stdout).toContain("src/held.js:1:30  prefer-array-some");
    expect(result.stdout).toContain("+export const any = xs.some((x) => x > 1);");
    for (const [name, text] of Object.entries(PROJECT)) expect(read(dir, name)).toBe(text);
    expect(lazymod(["src", "--check"], dir).code).toBe(1);
  });

  it("prints every --format, each in its own shape", () => {
    const dir = freshProject("formats");
    const outputs: Record<string, string> = {};
    for (const format of Object.keys(reporters)) {
      const result = lazymod(["src", "--format", format], dir);
      expect(result.code, `${format}: ${result.stderr}`).toBe(0);
      outputs[format] = result.stdout;
    }
    expect(Object.keys(outputs).sort()).toEqual(
      ["compact", "github", "json", "markdown", "patch", "sarif", "text"].sort(),
    );

    const json = JSON.parse(outputs.json!) as JsonReport;
    expect(json.files.map((f) => f.path).sort()).toEqual([
      "src/every.js",
      "src/held.js",
      "src/low.ts",
    ]);
    const statuses = Object.fromEntries(
      json.files.map((f) => [f.path, f.changes.map((c) => `${c.transform}:${c.status}`)]),
    );
    expect(statuses).toEqual({
      "src/every.js": ["prefer-array-every:apply"],
      "src/held.js": ["prefer-array-some:held"],
      "src/low.ts": ["prefer-array-some:apply"],
    });
    expect(json.summary.filesScanned).toBe(Object.keys(PROJECT).length);

    const sarif = JSON.parse(outputs.sarif!) as {
      version: string;
      runs: Array<{
        results: Array<{
          level: string;
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
        }>;
      }>;
    };
    expect(sarif.version).toBe("2.1.0");
    expect(
      sarif.runs[0]!.results.map(
        (r) => `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.level}`,
      ),
    ).toEqual(
      expect.arrayContaining(["src/low.ts:warning", "src/every.js:warning", "src/held.js:note"]),
    );
    expect(sarif.runs[0]!.results).toHaveLength(3);

    expect(outputs.markdown!.split("\n")[0]).toBe("<!-- lazymod-report -->");
    for (const file of ["src/low.ts", "src/every.js", "src/held.js"])
      expect(outputs.markdown).toContain(file);

    // One line per change, then the counts.
    expect(outputs.compact!.split("\n")).toEqual([
      expect.stringMatching(/^src\/every\.js:2:28: .* \[prefer-array-every \d+ low\]$/),
      expect.stringMatching(/^src\/held\.js:1:30: .* \[prefer-array-some \d+ medium held\]$/),
      expect.stringMatching(/^src\/low\.ts:2:20: .* \[prefer-array-some \d+ low\]$/),
      "",
      "3 changes",
      "",
    ]);

    const github = outputs.github!.split("\n");
    expect(github).toContainEqual(expect.stringMatching(/^::warning file=src\/low\.ts,line=2,/));
    expect(github).toContainEqual(expect.stringMatching(/^::warning file=src\/every\.js,line=2,/));
    expect(github).toContainEqual(expect.stringMatching(/^::notice file=src\/held\.js,line=1,/));

    // The patch holds the changes --write would make: applied with git, it gives their result.
    writeFileSync(path.join(dir, "lazymod.patch"), outputs.patch!);
    const applied = spawnSync("git", ["apply", "lazymod.patch"], { cwd: dir, encoding: "utf8" });
    expect(applied.status, applied.stderr).toBe(0);
    expect(read(dir, "src/low.ts")).toBe(LOW_TS_AFTER);
    expect(read(dir, "src/every.js")).toBe(EVERY_JS_AFTER);
    expect(read(dir, "src/held.js")).toBe(HELD_JS);
  });

  it("--plan then apply writes the plan's changes, once; apply --help answers", () => {
    const help = lazymod(["apply", "--help"], consumer);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("lazymod apply");
    for (const option of APPLY_OPTIONS) expect(help.stdout).toContain(`--${option.name}`);

    const dir = freshProject("plan");
    const planned = lazymod(["src", "--plan", "plan.json"], dir);
    expect(planned.code).toBe(0);
    expect(read(dir, "src/low.ts")).toBe(LOW_TS);
    const applied = lazymod(["apply", "plan.json"], dir);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(read(dir, "src/low.ts")).toBe(LOW_TS_AFTER);
    expect(read(dir, "src/every.js")).toBe(EVERY_JS_AFTER);
    expect(read(dir, "src/held.js")).toBe(HELD_JS);
    // Applied twice: nothing more is written, and that is not a failure.
    expect(lazymod(["apply", "plan.json"], dir).code).toBe(0);
    expect(read(dir, "src/low.ts")).toBe(LOW_TS_AFTER);
  });

  it("merges the JSON reports of two shards into the unsharded report; merge --help answers", () => {
    const help = lazymod(["merge", "--help"], consumer);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("lazymod merge");

    const dir = freshProject("shards");
    for (const k of [1, 2]) {
      const shard = lazymod(
        ["src", "--shard", `${k}/2`, "--format", "json", "--output", `shard-${k}.json`],
        dir,
      );
      expect(shard.code, shard.stderr).toBe(0);
    }
    const shards = [1, 2].map((k) => JSON.parse(read(dir, `shard-${k}.json`)) as JsonReport);
    // Each shard has files of its own, so the merge has something to join.
    for (const shard of shards) expect(shard.summary.filesScanned).toBeGreaterThan(0);
    const merged = lazymod(["merge", "shard-1.json", "shard-2.json", "--format", "json"], dir);
    expect(merged.code, merged.stderr).toBe(0);
    const whole = JSON.parse(lazymod(["src", "--format", "json"], dir).stdout) as JsonReport;
    const mergedReport = JSON.parse(merged.stdout) as JsonReport;
    expect(mergedReport.files.map((f) => f.path).sort()).toEqual(
      whole.files.map((f) => f.path).sort(),
    );
    expect(mergedReport.summary.filesScanned).toBe(whole.summary.filesScanned);
    expect(mergedReport.summary.changes).toBe(whole.summary.changes);
    const text = lazymod(["merge", "shard-1.json", "shard-2.json"], dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("src/low.ts:2:20  prefer-array-some");
  });

  it("--write applies the low-risk changes and keeps the held one; a rerun finds nothing", () => {
    const dir = freshProject("write");
    const result = lazymod(["src", "--write"], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(read(dir, "src/low.ts")).toBe(LOW_TS_AFTER);
    expect(read(dir, "src/every.js")).toBe(EVERY_JS_AFTER);
    expect(read(dir, "src/held.js")).toBe(HELD_JS);
    expect(lazymod(["src", "--check"], dir).code).toBe(0);
  });

  it("the README's jscodeshift line runs the installed transform", () => {
    const dir = freshProject("jscodeshift");
    const result = spawnSync(
      path.join(consumer, "node_modules", ".bin", "jscodeshift"),
      [
        "-t",
        path.join(installedPackage, "dist/transforms/prefer-array-some.js"),
        "--extensions=ts,tsx,js",
        "src/",
      ],
      { cwd: dir, encoding: "utf8", env: cleanEnv() },
    );
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(read(dir, "src/low.ts")).toBe(LOW_TS_AFTER);
    // Held back at the default --maxRisk, as with lazymod.
    expect(read(dir, "src/held.js")).toBe(HELD_JS);
  });

  it("the library API and a transform load through the package's exports", () => {
    const script = [
      'import { transformSource, transforms } from "lazymod";',
      'import some from "lazymod/transforms/prefer-array-some";',
      `const result = transformSource(${JSON.stringify(LOW_TS)}, { path: "a.ts", transforms });`,
      "process.stdout.write(JSON.stringify({ output: result.output, jscodeshift: typeof some }));",
    ].join("\n");
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: consumer,
      encoding: "utf8",
      env: cleanEnv(),
    });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ output: LOW_TS_AFTER, jscodeshift: "function" });
  });

  it("its published types check in a TypeScript project without skipLibCheck", () => {
    // A TypeScript user's check: lazymod's .d.ts files must resolve every module they import
    // from lazymod's own dependencies (no skipLibCheck, no @types of this repository).
    // (.mts: lazymod is an ES module, and the consumer's package.json has no "type".)
    const dir = path.join(consumer, "types");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, "check.mts"),
      [
        'import { reporters, transformSource, transforms, type RunResult } from "lazymod";',
        'import some from "lazymod/transforms/prefer-array-some";',
        'const result = transformSource("", { path: "a.ts", transforms });',
        "export const output: string = result.output;",
        "export const formats: string[] = Object.keys(reporters);",
        "export const transform: typeof some = some;",
        'export type Files = RunResult["files"];',
        "",
      ].join("\n"),
    );
    writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "NodeNext",
          moduleResolution: "NodeNext",
          target: "ES2022",
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ["check.mts"],
      }),
    );
    const tsc = spawnSync(
      process.execPath,
      [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"],
      { cwd: dir, encoding: "utf8", env: cleanEnv() },
    );
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });
});
