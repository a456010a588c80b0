import { afterEach, describe, expect, it } from "vitest";
import { lazymod, tempProject } from "./helpers/cli.js";

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function project(files: Record<string, string>) {
  const p = tempProject(files);
  cleanups.push(p.cleanup);
  return p;
}

const HAS_KEY =
  "export const has = (o: Record<string, number>, k: string) => Object.keys(o).includes(k);\n";
const FIRST_NAME =
  "type U = { name: string; admin: boolean };\ndeclare const users: U[];\nexport const name = users.filter((u) => u.admin)[0].name;\n";

interface Report {
  files: Array<{
    path: string;
    language?: Record<string, unknown>;
    changes: Array<{
      replacement: string;
      status: string;
      risk: { factors: Array<{ id: string }> };
    }>;
  }>;
  summary: { byLanguage: Record<string, number>; written: number };
  warnings?: string[];
}

function json(
  args: string[],
  cwd: string,
): { report: Report; stderr: string; code: number | null } {
  const result = lazymod([...args, "--format", "json"], cwd);
  return { report: JSON.parse(result.stdout) as Report, stderr: result.stderr, code: result.code };
}

function fileOf(report: Report, path: string) {
  const file = report.files.find((f) => f.path === path);
  expect(file, `${path} in the report`).toBeDefined();
  return file!;
}

describe("the language level of each file", () => {
  it("comes from the file's tsconfig without --target: lib es2020 gets the ES5 form of Object.hasOwn", () => {
    const p = project({
      "legacy/tsconfig.json": `{ "compilerOptions": { "target": "es2022", "lib": ["es2020", "dom"] } }`,
      "legacy/a.ts": HAS_KEY,
      "modern/tsconfig.json": `{ "compilerOptions": { "target": "es2022" } }`,
      "modern/a.ts": HAS_KEY,
    });
    const { report, code } = json(["--max-risk", "100"], p.dir);
    expect(code).toBe(0);
    const legacy = fileOf(report, "legacy/a.ts");
    expect(legacy.changes[0]!.replacement).toBe("Object.prototype.hasOwnProperty.call(o, k)");
    expect(legacy.language).toMatchObject({
      target: "es2020",
      lib: ["Array#find"],
      from: "legacy/tsconfig.json",
    });
    const modern = fileOf(report, "modern/a.ts");
    expect(modern.changes[0]!.replacement).toBe("Object.hasOwn(o, k)");
    expect(modern.language).toMatchObject({ target: "es2022", from: "modern/tsconfig.json" });
    expect(report.summary.byLanguage).toEqual({
      "es2020 from legacy/tsconfig.json": 1,
      "es2022 from modern/tsconfig.json": 1,
    });
  });

  it("is --target's or the configuration's when given, while the tsconfig's strictness still applies", () => {
    const p = project({
      "tsconfig.json": `{ "compilerOptions": { "lib": ["es2020"], "strict": false } }`,
      "a.ts": HAS_KEY + FIRST_NAME,
    });
    const given = json(["--max-risk", "100", "--target", "es2022"], p.dir).report;
    const file = fileOf(given, "a.ts");
    expect(file.changes.map((c) => c.replacement)).toEqual([
      "Object.hasOwn(o, k)",
      // strict: false in the tsconfig: `find` is typed `T`, no `!`.
      "users.find((u) => u.admin)",
    ]);
    expect(file.language).toMatchObject({
      target: "es2022",
      from: "--target",
      tsconfig: "tsconfig.json",
      strictNullChecks: false,
    });

    const configured = project({
      "lazymod.config.json": `{ "target": "es2021" }`,
      "tsconfig.json": `{ "compilerOptions": { "target": "es2023" } }`,
      "a.ts": HAS_KEY,
    });
    const fromConfig = fileOf(json(["--max-risk", "100"], configured.dir).report, "a.ts");
    expect(fromConfig.changes[0]!.replacement).toBe("Object.prototype.hasOwnProperty.call(o, k)");
    expect(fromConfig.language).toMatchObject({ target: "es2021", from: "lazymod.config.json" });
  });

  it("accepts es2020 and es2021 on the command line, and names the levels for anything else", () => {
    const p = project({ "a.ts": HAS_KEY });
    for (const target of ["es2020", "es2021"]) {
      const file = fileOf(json(["--max-risk", "100", "--target", target], p.dir).report, "a.ts");
      expect(file.changes[0]!.replacement, target).toContain("hasOwnProperty.call");
    }
    const low = lazymod(["--target", "es2019"], p.dir);
    expect(low.code).toBe(2);
    expect(low.stderr).toContain(
      '--target must be one of es2020, es2021, es2022, es2023, es2024, es2025, got "es2019"',
    );
  });

  it("defaults to es2022 with strictNullChecks assumed where there is no tsconfig", () => {
    const p = project({ "a.ts": HAS_KEY + FIRST_NAME });
    const file = fileOf(json(["--max-risk", "100"], p.dir).report, "a.ts");
    expect(file.changes.map((c) => c.replacement)).toEqual([
      "Object.hasOwn(o, k)",
      "users.find((u) => u.admin)!",
    ]);
    expect(file.language).toEqual({
      target: "es2022",
      lib: ["Array#find", "Object.hasOwn"],
      strictNullChecks: true,
      noUncheckedIndexedAccess: false,
      checkJs: false,
      from: "default",
    });
  });

  it("falls back to the default for a broken tsconfig, with one warning naming it and the reason", () => {
    const p = project({
      "app/tsconfig.json": `{ "extends": "./base.json", "compilerOptions": { "lib": ["es2020"] } }`,
      "app/a.ts": HAS_KEY,
      "app/b.ts": HAS_KEY,
      "app/c.ts": HAS_KEY,
    });
    const { report } = json(["--max-risk", "100"], p.dir);
    expect(report.warnings).toEqual([
      expect.stringMatching(/^app\/tsconfig\.json: "extends": "\.\/base\.json"/),
    ]);
    expect(fileOf(report, "app/a.ts").language).toMatchObject({
      target: "es2022",
      from: "default",
    });

    const result = lazymod(["--write", "--max-risk", "100"], p.dir);
    expect(result.code).toBe(0);
    const warnings = result.stderr.split("\n").filter((line) => line.includes("warning"));
    expect(warnings).toEqual([
      'lazymod: warning: app/tsconfig.json: "extends": "./base.json" does not resolve (no such file, and no such package in node_modules); its files are rewritten at the default level (es2022, strictNullChecks assumed on)',
    ]);
    for (const file of ["app/a.ts", "app/b.ts", "app/c.ts"])
      expect(p.read(file)).toContain("Object.hasOwn(o, k)");
    expect(result.stdout).toMatch(/^Language: es2022 from default \(3 files\)$/m);
  });

  it("says in the text summary where the level came from", () => {
    const p = project({
      "tsconfig.json": `{ "compilerOptions": { "target": "es2021" } }`,
      "a.ts": HAS_KEY,
      "b.ts": HAS_KEY,
    });
    expect(lazymod([], p.dir).stdout).toMatch(
      /^Language: es2021 from tsconfig\.json \(2 files\)$/m,
    );
    expect(lazymod(["--target", "es2023"], p.dir).stdout).toMatch(
      /^Language: es2023 from --target \(2 files\)$/m,
    );
  });
});

describe("keeping TypeScript's types under strictNullChecks", () => {
  it("writes `!` where the use needs the element, and holds the change back when the configuration says no `!`", () => {
    const p = project({
      "tsconfig.json": `{ "compilerOptions": { "target": "es2022", "strict": true } }`,
      "a.ts": FIRST_NAME,
    });
    const written = lazymod(["--write"], p.dir);
    expect(written.code).toBe(0);
    expect(p.read("a.ts")).toContain("users.find((u) => u.admin)!.name");

    const strictLint = project({
      "tsconfig.json": `{ "compilerOptions": { "target": "es2022", "strict": true } }`,
      "lazymod.config.json": `{ "nonNullAssertions": false }`,
      "a.ts": FIRST_NAME,
    });
    const { report } = json([], strictLint.dir);
    const change = fileOf(report, "a.ts").changes[0]!;
    expect(change.status).toBe("held");
    expect(change.risk.factors.map((f) => f.id)).toEqual(["result-type-widens"]);
    expect(lazymod(["--write"], strictLint.dir).code).toBe(0);
    expect(strictLint.read("a.ts")).toBe(FIRST_NAME);
  });
});
