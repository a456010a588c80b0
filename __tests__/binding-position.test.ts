import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { transformSource } from "../src/core/engine.js";
import { applyPlan } from "../src/plan/apply.js";
import { parsePlan } from "../src/plan/read.js";
import { planText } from "../src/plan/plan.js";
import { githubReport } from "../src/reporters/github.js";
import { jsonReportData } from "../src/reporters/json.js";
import { markdownReport } from "../src/reporters/markdown.js";
import { sarifReport } from "../src/reporters/sarif.js";
import { textReport } from "../src/reporters/text.js";
import { run } from "../src/runner/run.js";
import { transforms } from "../transforms/index.js";
import { tempProject } from "./helpers/cli.js";

// A change through a variable removes the declaration with its whole line (from column 1) and
// rewrites the use: it is reported where the declaration's code starts, the declared name.
const ARRAY = [
  "interface User { admin: boolean }",
  "export function f(users: User[]) {",
  "  const admins = users.filter((u) => u.admin);",
  "  if (admins.length > 0) return 1;",
  "  return 0;",
  "}",
  "",
].join("\n");
const ARRAY_AFTER = [
  "interface User { admin: boolean }",
  "export function f(users: User[]) {",
  "  if (users.some((u) => u.admin)) return 1;",
  "  return 0;",
  "}",
  "",
].join("\n");

const ORM = [
  'import type { PrismaClient } from "@prisma/client";',
  "",
  "export async function countAdmins(prisma: PrismaClient) {",
  "    const admins = await prisma.user.findMany({ where: { admin: true } });",
  "    return admins.length;",
  "}",
  "",
].join("\n");

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

describe("a change through a variable is reported where its code starts", () => {
  it("in the engine: at the declared name, with the replaced range from column 1", () => {
    const [change] = transformSource(ARRAY, { path: "a.ts", transforms }).changes;
    expect(change).toMatchObject({
      transform: "prefer-array-some",
      messageId: "binding",
      line: 3,
      column: 9,
      startLine: 3,
      startColumn: 1,
      endLine: 4,
      endColumn: 24,
    });
    // The range itself is unchanged: it still starts at the line's start, so applying works.
    expect(change!.start).toBe(ARRAY.indexOf("  const admins"));
    expect(ARRAY.slice(0, change!.end).endsWith("admins.length > 0")).toBe(true);
  });

  it("for an ORM binding site too, however deep it is indented", () => {
    const [change] = transformSource(ORM, { path: "a.ts", transforms }).changes;
    expect(change).toMatchObject({
      transform: "prefer-orm-count",
      messageId: "binding",
      line: 4,
      column: 11,
      startColumn: 1,
    });
  });

  it("a held-back change (found in the last pass) is reported the same way", () => {
    const held = transformSource(ARRAY, { path: "a.ts", transforms, maxRisk: -1 }).changes;
    expect(held[0]).toMatchObject({ status: "held", line: 3, column: 9, startColumn: 1 });
  });

  it("in every format and in the plan; applying the plan writes what --write writes", async () => {
    const p = tempProject({ "src/a.ts": ARRAY });
    cleanups.push(p.cleanup);
    const result = await run({ transforms, cwd: p.dir });
    expect(textReport(result)).toMatch(/^src\/a\.ts:3:9 {2}prefer-array-some {2}`admins` holds/m);
    expect(jsonReportData(result).files[0]!.changes[0]).toMatchObject({
      line: 3,
      column: 9,
      startLine: 3,
      startColumn: 1,
      endLine: 4,
      endColumn: 24,
    });
    expect(markdownReport(result)).toContain("· line 3 · would be applied by `lazymod --write`");
    expect(githubReport(result)).toContain(
      "::warning file=src/a.ts,line=3,col=9,endLine=4,endColumn=24,",
    );
    type Log = {
      runs: Array<{
        results: Array<{
          locations: Array<{ physicalLocation: { region: Record<string, number> } }>;
          fixes: Array<{
            artifactChanges: Array<{ replacements: Array<{ deletedRegion: object }> }>;
          }>;
        }>;
      }>;
    };
    const [sarif] = (JSON.parse(sarifReport(result)) as Log).runs[0]!.results;
    expect(sarif!.locations[0]!.physicalLocation.region).toEqual({
      startLine: 3,
      startColumn: 9,
      endLine: 4,
      endColumn: 24,
    });
    // The fix still deletes exactly the replaced range, from the line's start.
    expect(sarif!.fixes[0]!.artifactChanges[0]!.replacements[0]!.deletedRegion).toEqual({
      startLine: 3,
      startColumn: 1,
      endLine: 4,
      endColumn: 24,
    });

    const text = planText(result, { paths: ["."], maxRisk: 24, target: "es2022" });
    const plan = parsePlan(text, "plan.json");
    expect(plan.files[0]!.changes[0]).toMatchObject({ line: 3, column: 9 });
    const applied = await applyPlan(plan, { cwd: p.dir });
    expect(applied.files[0]).toMatchObject({ path: "src/a.ts" });
    expect(readFileSync(path.join(p.dir, "src/a.ts"), "utf8")).toBe(ARRAY_AFTER);
  });
});
