import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Change } from "../src/index.js";
import { ROOT } from "./helpers/cli.js";

const SHOP = path.join(ROOT, "examples/legacy-shop/src");

/** Every file of the example's sources with its content. */
function sources(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(SHOP, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const file = path.join(entry.parentPath, entry.name);
        return [path.relative(SHOP, file), readFileSync(file, "utf8")];
      }),
  );
}

interface DemoReport {
  files: Array<{ path: string; changes: Change[] }>;
  summary: { byProof: Record<string, number>; typeChecked: number; typeErrors: number };
  types?: { programs: number; files: number; fileLocal?: number };
}

describe("npm run demo", () => {
  it("judges examples/legacy-shop with its TypeScript program: proofs, the gate, the JavaScript file by file, the incident's endpoint per ORM rewritten at the default risk", () => {
    const before = sources();
    const demo = spawnSync(
      process.execPath,
      [path.join(ROOT, "scripts/demo.mjs"), "--format", "json"],
      { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
    );
    expect(demo.stderr).toBe("");
    expect(demo.status).toBe(0);
    const report = JSON.parse(demo.stdout) as DemoReport;
    // One program, for the project's tsconfig.json; the two JavaScript files outside it are
    // judged file by file.
    expect(report.types).toMatchObject({ programs: 1, fileLocal: 2 });
    const byFile = (file: string) =>
      report.files.find((f) => f.path === `examples/legacy-shop/src/${file}`)?.changes ?? [];
    const proofs = (change: Change) => (change.risk.proofs ?? []).map((p) => p.id);
    // A receiver typed by an interface in src/domain/types.ts.
    expect(proofs(byFile("services/orders.ts")[0]!)).toContain("receiver-is-array");
    // A class field whose type is the return type of a function in another file.
    expect(proofs(byFile("services/reports.ts")[0]!)).toContain("receiver-is-array");
    expect(report.summary.byProof["receiver-is-array"]).toBeGreaterThanOrEqual(5);
    expect(report.summary.typeChecked).toBeGreaterThan(0);
    for (const file of ["legacy/widgets.js", "data/users-mongoose.js"])
      for (const change of byFile(file)) expect(change.risk.proofs).toBeUndefined();
    // The incident's endpoint, once per ORM (what `npm run bench:load` serves, eager and as
    // lazymod --write rewrites it): each question is rewritten at the default risk, proven the ORM's.
    const questions = {
      hasAdultStudents: "prefer-orm-exists",
      adultStudentCount: "prefer-orm-count",
      firstAdultStudent: "prefer-orm-find-first",
    };
    for (const orm of ["prisma", "typeorm", "sequelize", "sequelize7", "knex", "drizzle"]) {
      const file = `data/students-${orm}.ts`;
      const lines = before[file]!.split("\n");
      for (const [name, transform] of Object.entries(questions)) {
        const first =
          lines.findIndex((l) => new RegExp(`async (function )?${name}\\(`).test(l)) + 1;
        const next = lines.findIndex((l, i) => i >= first && /^\s*(export )?async /.test(l));
        const last = next === -1 ? lines.length : next;
        expect(first, `${file} ${name}`).toBeGreaterThan(0);
        const inside = byFile(file).filter((c) => c.startLine >= first && c.startLine <= last);
        expect(
          inside.map((c) => [c.transform, c.status, proofs(c).includes("receiver-is-orm")]),
          `${file} ${name}`,
        ).toEqual([[transform, "apply", true]]);
      }
    }
    // A dry run: nothing in the example changed.
    expect(sources()).toEqual(before);
  });
});
