import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transformSource } from "../src/core/engine.js";
import type { Change } from "../src/core/types.js";
import { transforms } from "../transforms/index.js";
import { lazymod, tempProject } from "./helpers/cli.js";
import { monorepo } from "./helpers/monorepo.js";
import { lazymodInTerminal } from "./helpers/terminal.js";

function changesOf(source: string, file = "a.ts"): Change[] {
  return transformSource(source, { path: file, transforms, maxRisk: 100 }).changes;
}

/** The impact notes of each change, by line. */
function impactOf(source: string, file = "a.ts") {
  return changesOf(source, file).map((c) => [
    c.line,
    c.impact?.rank ?? 0,
    (c.impact?.notes ?? []).map((n) => n.id),
  ]);
}

const PRISMA =
  'import { PrismaClient } from "@prisma/client";\nconst prisma = new PrismaClient();\n';

describe("impact: what the code shows", () => {
  it("an ORM load with no filter and no limit is an unbounded load (rank 3); a where, a limit or options the code does not show are not", () => {
    const source = [
      PRISMA,
      "export async function a() { return (await prisma.user.findMany()).length > 0; }",
      "export async function b() { return (await prisma.user.findMany({ select: { id: true } })).length > 0; }",
      "export async function c() { return (await prisma.user.findMany({ where: { active: true } })).length > 0; }",
      "",
    ].join("\n");
    expect(impactOf(source)).toEqual([
      [4, 3, ["unbounded-load"]],
      [5, 3, ["unbounded-load"]],
      [6, 0, []],
    ]);
    const [first] = changesOf(source);
    expect(first!.impact!.notes[0]!.reason).toBe(
      "`prisma.user.findMany()` asks for no filter and no limit: it loads every row of the table",
    );
  });

  it("reads Knex, Drizzle, Mongoose, TypeORM and Sequelize queries the same way", () => {
    const knex = [
      'import type { Knex } from "knex";',
      'export async function a(knex: Knex) { return (await knex("users")).length > 0; }',
      'export async function b(knex: Knex) { return (await knex("users").where("age", ">", 1)).length > 0; }',
      "",
    ].join("\n");
    expect(impactOf(knex).map(([, rank]) => rank)).toEqual([3, 0]);
    const drizzle = [
      'import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";',
      "export async function a(db: BetterSQLite3Database<any>, t: any) { return (await db.select().from(t)).length > 0; }",
      "export async function b(db: BetterSQLite3Database<any>, t: any) { return (await db.select().from(t).where(t.x)).length > 0; }",
      "",
    ].join("\n");
    expect(impactOf(drizzle).map(([, rank]) => rank)).toEqual([3, 0]);
    const mongoose = [
      'import { User } from "./models/user";',
      'import "mongoose";',
      "export async function a() { return (await User.find().lean()).length > 0; }",
      "export async function b() { return (await User.find({ active: true }).lean()).length > 0; }",
      // Options the code does not show may filter: not taken for an unbounded load.
      "export async function c(filter: object) { return (await User.find(filter).lean()).length > 0; }",
      "",
    ].join("\n");
    expect(impactOf(mongoose).map(([, rank]) => rank)).toEqual([3, 0, 0]);
    const typeorm = [
      'import type { Repository } from "typeorm";',
      "type Db = { repo: Repository<{ id: number }> };",
      "export async function a({ repo }: Db) { return (await repo.find({ relations: { x: true } })).length > 0; }",
      "export async function b({ repo }: Db) { return (await repo.findBy({ id: 1 })).length > 0; }",
      "",
    ].join("\n");
    expect(impactOf(typeorm).map(([, rank]) => rank)).toEqual([3, 0]);
    const sequelize = [
      'import type { ModelStatic } from "sequelize";',
      'export async function a(S: ModelStatic<any>) { return (await S.findAll({ attributes: ["id"] })).length > 0; }',
      "export async function b(S: ModelStatic<any>) { return (await S.findAll({ limit: 10 })).length > 0; }",
      "",
    ].join("\n");
    expect(impactOf(sequelize).map(([, rank]) => rank)).toEqual([3, 0]);
  });

  it("changes in a loop's body (not its header) and in iteration callbacks are in a loop", () => {
    const source = [
      "const xs: number[][] = [[1]];",
      "let n = 0;",
      "for (const x of xs) if (x.filter((v) => v > 1).length > 0) n++;",
      "for (const x of xs.filter((v) => v.length > 1)[0] ?? []) n += x;",
      "while (xs.filter((v) => v.length > 2).length > 0) xs.pop();",
      "xs.forEach((x) => { if (x.filter((v) => v > 3).length > 0) n++; });",
      "export const outside = xs.filter((v) => v.length > 4).length > 0;",
      "",
    ].join("\n");
    expect(impactOf(source)).toEqual([
      [3, 1, ["in-loop"]],
      [4, 0, []],
      [5, 1, ["in-loop"]],
      [6, 1, ["in-loop"]],
      [7, 0, []],
    ]);
    const reasons = changesOf(source).map((c) => c.impact?.notes[0]?.reason);
    expect(reasons[0]).toBe("inside the `for…of` loop at line 3: it runs once per iteration");
    expect(reasons[3]).toBe(
      "inside the callback of `.forEach(…)` at line 6: it runs once per element",
    );
  });

  it("request handlers as the code shows them: a route callback, an exported HTTP verb, a decorated method, (req, res)", () => {
    const source = [
      PRISMA,
      'app.get("/a", async (req, res) => { res.json((await prisma.a.findMany({ where: { x: 1 } })).length > 0); });',
      "router.post(`/b/${1}`, async function (ctx) { return (await prisma.b.findMany({ where: { x: 1 } })).length > 0; });",
      "export async function GET() { return (await prisma.c.findMany({ where: { x: 1 } })).length > 0; }",
      "class Controller { @Get() async list() { return (await prisma.d.findMany({ where: { x: 1 } })).length > 0; } }",
      "export default async function handler(req: unknown, res: unknown) { return (await prisma.e.findMany({ where: { x: 1 } })).length > 0; }",
      'fastify.route({ method: "GET", url: "/f", handler: async (request, reply) => (await prisma.f.findMany({ where: { x: 1 } })).length > 0 });',
      "export async function plain() { return (await prisma.g.findMany({ where: { x: 1 } })).length > 0; }",
      'emitter.on("/not-a-route", () => 1);',
      "",
    ].join("\n");
    expect(impactOf(source).map(([line, rank, notes]) => [line, rank, notes])).toEqual([
      [4, 2, ["in-request-handler"]],
      [5, 2, ["in-request-handler"]],
      [6, 2, ["in-request-handler"]],
      [7, 2, ["in-request-handler"]],
      [8, 2, ["in-request-handler"]],
      [9, 2, ["in-request-handler"]],
      [10, 0, []],
    ]);
  });

  it("impact is no risk: scores are the same with or without it", () => {
    const source = `${PRISMA}for (const id of ids) if ((await prisma.user.findMany()).length > 0) n++;\n`;
    const [change] = changesOf(source);
    expect(change!.impact).toMatchObject({
      rank: 3,
      notes: [{ id: "unbounded-load" }, { id: "in-loop" }],
    });
    expect(change!.risk.factors.map((f) => f.id)).not.toContain("unbounded-load");
  });
});

describe("ranking, filtering and compact output on a multi-package repository", () => {
  let repo: ReturnType<typeof monorepo>;
  beforeAll(() => {
    repo = monorepo();
  });
  afterAll(() => repo.cleanup());

  const compactLines = (args: string[]) => {
    const result = lazymod(["--format", "compact", "--no-types", ...args], repo.dir);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout.split("\n").filter((line) => /:\d+:\d+: /.test(line));
  };
  const where = (line: string) => line.slice(0, line.indexOf(": "));

  it("--format compact: one line per change, path:line:column: message [transform score band status]", () => {
    const lines = compactLines([]);
    expect(lines).toHaveLength(10);
    expect(lines).toContain(
      "packages/web/src/cart.ts:4:10: `.filter(…).length` compared with 0 builds a whole array only to learn whether it is empty [prefer-array-some 0 low]",
    );
    expect(lines).toContain(
      "packages/web/src/legacy.js:2:35: `.filter(…).length === ….length` builds a whole array only to learn whether every element matches [prefer-array-every 60 high held]",
    );
    const all = lazymod(["--format", "compact", "--no-types"], repo.dir).stdout;
    expect(all.endsWith("\n\n10 changes\n")).toBe(true);
    // By path, as every other format.
    expect(lines.map(where)).toEqual(
      [...lines.map(where)].sort((a, b) => {
        const [pa, la] = [a.split(":")[0]!, Number(a.split(":")[1])];
        const [pb, lb] = [b.split(":")[0]!, Number(b.split(":")[1])];
        return pa < pb ? -1 : pa > pb ? 1 : la - lb;
      }),
    );
  });

  it("--sort impact: the unbounded load first, then loads in loops and handlers, then other changes in loops, then the rest, tests last", () => {
    expect(compactLines(["--sort", "impact"]).map(where)).toEqual([
      "packages/api/src/routes/users.ts:13:17", // (await prisma.user.findMany()).length: unbounded
      "packages/api/src/jobs/sync.ts:8:16", // a load in a for…of loop
      "packages/api/src/routes/users.ts:8:9", // a load in an app.get handler
      "packages/web/src/cart.ts:13:33", // an array rewrite in a loop
      "packages/web/src/cart.ts:4:10",
      "packages/web/src/cart.ts:8:10",
      "packages/web/src/legacy.js:1:35",
      "packages/web/src/legacy.js:2:35",
      "packages/shared/src/__tests__/ids.ts:2:20", // test code, by the default tests globs
      "packages/web/src/cart.test.ts:3:24",
    ]);
  });

  it("--sort risk: the highest score first, ties by path", () => {
    const lines = compactLines(["--sort", "risk"]);
    const scores = lines.map((line) => Number(/ (\d+) (low|medium|high)/.exec(line)![1]));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(where(lines[0]!)).toBe("packages/web/src/legacy.js:2:35");
  });

  it("text and markdown follow --sort; with impact they show the notes", () => {
    const text = lazymod(["--no-types", "--sort", "impact"], repo.dir).stdout;
    const first = text.indexOf("packages/api/src/routes/users.ts:13:17");
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThan(text.indexOf("packages/api/src/jobs/sync.ts:8:16"));
    expect(text).toContain(
      "  impact rank 3\n    • unbounded-load: `prisma.user.findMany()` asks for no filter and no limit",
    );
    expect(text).toContain("• test-code: in a test file");
    expect(lazymod(["--no-types"], repo.dir).stdout).not.toContain("impact rank");
    const markdown = lazymod(
      ["--no-types", "--sort", "impact", "--format", "markdown"],
      repo.dir,
    ).stdout;
    const applyStart = markdown.indexOf("#### Would be applied");
    const section = markdown.slice(applyStart, markdown.indexOf("#### ", applyStart + 1));
    const files = [...section.matchAll(/<summary><code>([^<]+)<\/code>/g)].map((m) => m[1]);
    expect(files.slice(0, 3)).toEqual([
      "packages/api/src/routes/users.ts",
      "packages/api/src/jobs/sync.ts",
      "packages/web/src/cart.ts",
    ]);
    expect(files.slice(-2)).toEqual([
      "packages/shared/src/__tests__/ids.ts",
      "packages/web/src/cart.test.ts",
    ]);
    expect(markdown).toContain("- impact `unbounded-load`:");
    const byPath = lazymod(["--no-types", "--format", "markdown"], repo.dir).stdout;
    const pathFiles = [...byPath.matchAll(/<summary><code>([^<]+)<\/code>/g)].map((m) => m[1]);
    expect(pathFiles[0]).toBe("packages/api/src/jobs/sync.ts");
    expect(byPath).not.toContain("- impact ");
    const bad = lazymod(["--sort", "size"], repo.dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--sort must be one of path, risk, impact, got "size"');
  });

  it("--band selects changes by risk band for every output and for --check, and counts the rest", () => {
    const json = JSON.parse(
      lazymod(["--no-types", "--format", "json", "--band", "medium,high"], repo.dir).stdout,
    );
    const bands = json.files.flatMap((f: { changes: Change[] }) =>
      f.changes.map((c) => c.risk.band),
    );
    expect(bands.sort()).toEqual(["high", "medium"]);
    expect(json.summary).toMatchObject({ changes: 2, outsideBands: 8, applicable: 0 });
    expect(json.run.options.bands).toEqual(["medium", "high"]);
    // The summaries say how many changes the selection left out.
    const medium = (format: string) =>
      lazymod(["--no-types", "--format", format, "--band", "medium,high"], repo.dir).stdout;
    expect(medium("text")).toMatch(
      /^Changes: 2 \(0 low, 1 medium, 1 high\);.*; 8 outside --band$/m,
    );
    expect(medium("compact").split("\n").slice(-2)).toEqual(["2 changes, 8 outside --band", ""]);
    expect(medium("markdown")).toContain(" · 8 changes outside --band");
    // Nothing at or below --max-risk low in those bands: --check passes.
    expect(lazymod(["--no-types", "--check", "--band", "medium,high"], repo.dir).code).toBe(0);
    expect(lazymod(["--no-types", "--check", "--band", "low"], repo.dir).code).toBe(1);
    const bad = lazymod(["--band", "low,severe"], repo.dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--band must be a comma-separated list of low, medium, high, got "low,severe"',
    );
  });

  it("--write --band medium writes only the medium change, however low the others are", () => {
    const copy = monorepo();
    try {
      const before = copy.read("packages/web/src/cart.ts");
      const result = lazymod(
        ["--no-types", "--write", "--max-risk", "medium", "--band", "medium"],
        copy.dir,
      );
      expect(result.code, result.stderr).toBe(0);
      expect(copy.read("packages/web/src/cart.ts")).toBe(before);
      expect(copy.read("packages/web/src/legacy.js").split("\n")[0]).toBe(
        "export const hasValid = (rows) => rows.some(isValid);",
      );
      expect(result.stdout).toContain("Written: 1 change to 1 file");
    } finally {
      copy.cleanup();
    }
  });

  it("test files are scanned by default; --exclude-tests (or excludeTests) leaves them unscanned, counted as skipped", () => {
    const json = (args: string[]) =>
      JSON.parse(lazymod(["--no-types", "--format", "json", ...args], repo.dir).stdout);
    const all = json([]);
    const test = all.files.find(
      (f: { path: string }) => f.path === "packages/web/src/cart.test.ts",
    );
    expect(test.changes[0].impact.notes.map((n: { id: string }) => n.id)).toEqual(["test-code"]);
    const excluded = json(["--exclude-tests"]);
    expect(excluded.files.map((f: { path: string }) => f.path)).not.toContain(
      "packages/web/src/cart.test.ts",
    );
    expect(excluded.summary.skippedByReason).toEqual({ "test file (--exclude-tests)": 2 });
    expect(excluded.summary.changes).toBe(8);
    expect(excluded.run.options.excludeTests).toBe(true);
    const text = lazymod(["--no-types", "--exclude-tests"], repo.dir).stdout;
    expect(text).toContain("2 skipped (2 test file (--exclude-tests))");
    // The configuration says what test files are, and may leave them out; --include-tests wins.
    writeFileSync(
      path.join(repo.dir, "lazymod.config.json"),
      JSON.stringify({ tests: ["**/legacy.js"], excludeTests: true }),
    );
    try {
      const configured = json([]);
      expect(configured.summary.skippedByReason).toEqual({
        'test file ("excludeTests" in lazymod.config.json)': 1,
      });
      expect(configured.files.map((f: { path: string }) => f.path)).toContain(
        "packages/web/src/cart.test.ts",
      );
      const included = json(["--include-tests"]);
      expect(included.summary.skippedByReason).toEqual({});
      const legacy = included.files.find(
        (f: { path: string }) => f.path === "packages/web/src/legacy.js",
      );
      expect(legacy.changes[0].impact.notes.map((n: { id: string }) => n.id)).toEqual([
        "test-code",
      ]);
      const both = lazymod(["--exclude-tests", "--include-tests"], repo.dir);
      expect(both.code).toBe(2);
      writeFileSync(
        path.join(repo.dir, "lazymod.config.json"),
        JSON.stringify({ tests: "*.test.ts" }),
      );
      const badConfig = lazymod([], repo.dir);
      expect(badConfig.code).toBe(2);
      expect(badConfig.stderr).toContain(
        'lazymod.config.json: "tests" must be an array of non-empty glob strings',
      );
    } finally {
      writeFileSync(path.join(repo.dir, "lazymod.config.json"), "{}");
    }
    expect(readFileSync(path.join(repo.dir, "lazymod.config.json"), "utf8")).toBe("{}");
  });
});

describe("--no-progress", () => {
  it("keeps the progress line off a terminal that would show it", async () => {
    const project = tempProject({
      "a.ts": "const xs: number[] = [1];\nexport const y = xs.filter((x) => x > 1).length > 0;\n",
    });
    try {
      const shown = lazymodInTerminal(["a.ts", "--no-types"], { cwd: project.dir });
      expect((await shown.exited).code).toBe(0);
      expect(shown.screen()).toMatch(/Discovering files…|\d+\/\d+ files/);
      const hidden = lazymodInTerminal(["a.ts", "--no-types", "--no-progress"], {
        cwd: project.dir,
      });
      expect((await hidden.exited).code).toBe(0);
      expect(hidden.screen()).not.toMatch(/Discovering files…|\d+\/\d+ files/);
      expect(hidden.screen()).toContain("a.ts:2:18");
    } finally {
      project.cleanup();
    }
  });
});
