import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { transformSource } from "../src/core/engine.js";
import { canParseWithMode } from "../src/core/parse.js";
import { transforms } from "../transforms/index.js";
import { ROOT } from "./helpers/cli.js";

const orm = transforms.filter((t) => t.category === "orm");

function run(source: string, file = "input.ts") {
  const result = transformSource(source, { path: file, transforms: orm, maxRisk: 100 });
  return { ...result, parses: canParseWithMode(result.output, result.mode) };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return filesUnder(file);
    return /\.[cm]?[jt]sx?$/.test(name) ? [file] : [];
  });
}

describe("ORM transforms on odd and unrelated code", () => {
  // Shapes close to the ones rewritten, each of which must be left alone (or at least not broken).
  const odd = [
    "async function f(p) { return (await prisma.user.findMany(...p)).length > 0; }",
    "async function f(a) { return (await prisma.user.findMany({ ...a })).length > 0; }",
    "async function f(k) { return (await prisma.user.findMany({ [k]: 1 })).length > 0; }",
    "async function f() { return (await prisma?.user.findMany()).length > 0; }",
    "async function f() { return (await prisma.user?.findMany()).length; }",
    "async function f() { (await prisma.user.findMany()).length = 0; }",
    "async function f() { delete (await prisma.user.findMany())[0]; }",
    "async function f() { (await prisma.user.findMany())[0]++; }",
    "async function f() { return new (await prisma.user.findMany())[0](); }",
    "async function f() { return (await prisma.user.findMany())[0](); }",
    "async function f() { for await (const u of await prisma.user.findMany()) console.log(u); }",
    "async function f() { const [a] = await prisma.user.findMany(), b = 1; return a ?? b; }",
    "async function f() { let rows = await prisma.user.findMany(); rows = []; return rows.length; }",
    "async function f() { const { length } = await prisma.user.findMany(); return length; }",
    "async function f() { return (await knex()).length > 0; }",
    "async function f() { return (await knex(`t`)).length > 0; }",
    "async function f() { return (await db.select().from()).length > 0; }",
    "async function f() { return (await db.select('a').from(t)).length > 0; }",
    "async function f(r) { return (await r.find()).length > 0; }",
    "async function f(repo) { return (await repo.find(() => true)).length; }",
    "async function f() { return (await User.find('x')).length; }",
    "async function f() { return prisma.user.findMany().then().length; }",
    "async function f() { return prisma.user.findMany().then((a, b) => a.length); }",
    "async function f() { return prisma.user.findMany().then(({ length }) => length); }",
    "async function f() { return prisma.user.findMany().then(function (r) { return r.length; }); }",
    "async function f() { eval('x'); const rows = await prisma.user.findMany(); return rows.length; }",
    "export const rows = await prisma.user.findMany(); export const n = rows.length;",
    "var rows = await prisma.user.findMany(); if (rows.length) {}",
    "async function f() { if (await prisma.user.findMany({ take: 1 })) {} }",
    "async function f() { return (await prisma.user.findMany({ take: 0 })).length > 0; }",
    "async function f() { return (await prisma.user.findMany({ take: -5 })).length > 0; }",
    "async function f() { return (await knex('t').limit(0)).length > 0; }",
    "async function f() { return (await User.find({}).limit(2))[0]; }",
    "async function f() { const rows = await prisma.user.findMany(); return rows.map((r) => r['a']); }",
    "async function f() { const rows = await prisma.user.findMany(); return rows.map((r) => r?.a); }",
    "async function f() { const rows = await prisma.user.findMany(); return rows.map(({ ...r }) => r); }",
    "async function f() { const rows = await prisma.user.findMany(); return rows.map((r) => r.a, this); }",
  ];

  it.each(odd)("%s", (source) => {
    const result = run(source);
    expect(result.internalErrors).toEqual([]);
    expect(result.parses).toBe(true);
    // A second run changes nothing.
    expect(run(result.output).output).toBe(result.output);
  });

  it("changes nothing it should not in the other transforms' fixtures and the example codebase", () => {
    const files = [
      ...filesUnder(path.join(ROOT, "__testfixtures__")).filter(
        (f) => f.includes(".input.") && !f.includes("prefer-orm-"),
      ),
      // The example's sources, not the Prisma client `npm run demo` generates beside them.
      ...filesUnder(path.join(ROOT, "examples")).filter(
        (f) => !f.split(path.sep).includes("generated"),
      ),
    ];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const result = run(readFileSync(file, "utf8"), file);
      expect(result.internalErrors, file).toEqual([]);
      expect(result.parses, file).toBe(true);
      if (!file.includes(`${path.sep}data${path.sep}`))
        expect(result.changes, `${file} has no ORM code`).toEqual([]);
    }
  });
});
