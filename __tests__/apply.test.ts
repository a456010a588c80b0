import { transforms } from "../transforms/index.js";
import { readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { applyPlan, type ApplyOptions, type FileOutcome } from "../src/plan/apply.js";
import { planText, type Plan } from "../src/plan/plan.js";
import { parsePlan } from "../src/plan/read.js";
import { UsageError } from "../src/core/errors.js";
import { globMatcher } from "../src/runner/filter.js";
import { run } from "../src/runner/run.js";
import { reviewProjectCopy } from "./helpers/review.js";

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function copy() {
  const p = reviewProjectCopy();
  cleanups.push(p.cleanup);
  return { ...p, read: (file: string) => readFileSync(path.join(p.dir, file), "utf8") };
}

/** A dry run of a copy of the review project, saved as a plan and read back. */
async function planned(maxRisk = 24) {
  const project = copy();
  const result = await run({ transforms, cwd: project.dir, maxRisk });
  const plan = parsePlan(
    planText(result, { paths: ["."], maxRisk, target: "es2022" }),
    "plan.json",
  );
  return { project, plan, result };
}

/** What `--write --max-risk <n>` makes of a fresh copy: file → text. */
async function written(maxRisk: number): Promise<(file: string) => string> {
  const project = copy();
  await run({ transforms, cwd: project.dir, write: true, maxRisk });
  return project.read;
}

function apply(plan: Plan, dir: string, options: Omit<ApplyOptions, "cwd"> = {}) {
  return applyPlan(plan, { cwd: dir, ...options });
}

function statuses(outcomes: FileOutcome[]): Record<string, string> {
  return Object.fromEntries(outcomes.map((o) => [o.path, o.status]));
}

const CHANGED_FILES = [
  "src/hostile.ts",
  "src/legacy.js",
  "src/orders.js",
  "src/users.ts",
  "src/windows.ts",
];

describe("lazymod apply", () => {
  it("applies exactly what --write would, without detecting again", async () => {
    const { project, plan } = await planned();
    const result = await apply(plan, project.dir);
    expect(statuses(result.files)).toEqual({
      "src/hostile.ts": "applied",
      "src/legacy.js": "applied",
      "src/orders.js": "applied",
      "src/users.ts": "applied",
      "src/windows.ts": "applied",
    });
    expect(result.aboveMaxRisk).toBe(2);
    const expected = await written(24);
    for (const file of CHANGED_FILES) expect(project.read(file), file).toBe(expected(file));
  });

  it("applying twice changes nothing the second time and says so", async () => {
    const { project, plan } = await planned();
    await apply(plan, project.dir);
    const before = CHANGED_FILES.map((f) => project.read(f));
    const again = await apply(plan, project.dir);
    expect(new Set(again.files.map((o) => o.status))).toEqual(new Set(["already-applied"]));
    expect(CHANGED_FILES.map((f) => project.read(f))).toEqual(before);
  });

  it("a higher --max-risk later applies the held changes on top, the enclosing one subsuming the nested", async () => {
    const { project, plan } = await planned();
    await apply(plan, project.dir);
    const second = await apply(plan, project.dir, { maxRisk: 100 });
    const users = second.files.find((o) => o.path === "src/users.ts");
    // The held change encloses the low one applied before: it is applied, the low one counted as done.
    expect(users).toMatchObject({ status: "applied", applied: 1, alreadyApplied: 2 });
    const expected = await written(100);
    for (const file of CHANGED_FILES) expect(project.read(file), file).toBe(expected(file));
    // Once more: nothing left.
    const third = await apply(plan, project.dir, { maxRisk: 100 });
    expect(third.files.every((o) => o.status === "already-applied")).toBe(true);
  });

  it("refuses a file changed since the plan and applies the others", async () => {
    const { project, plan } = await planned();
    const edited = `${project.read("src/orders.js")}// edited after the plan\n`;
    writeFileSync(path.join(project.dir, "src/orders.js"), edited);
    const result = await apply(plan, project.dir);
    const orders = result.files.find((o) => o.path === "src/orders.js");
    expect(orders).toEqual({
      path: "src/orders.js",
      status: "refused",
      reason: "changed since the plan was made (sha256 differs); not written. Make a new plan",
    });
    expect(project.read("src/orders.js")).toBe(edited);
    expect(result.files.filter((o) => o.status === "applied")).toHaveLength(4);
  });

  it("refuses a file that is partly applied and then edited", async () => {
    const { project, plan } = await planned();
    await apply(plan, project.dir);
    const edited = project.read("src/users.ts").replace("interface User", "interface Person");
    writeFileSync(path.join(project.dir, "src/users.ts"), edited);
    const result = await apply(plan, project.dir, { maxRisk: 100 });
    expect(result.files.find((o) => o.path === "src/users.ts")?.status).toBe("refused");
    expect(project.read("src/users.ts")).toBe(edited);
  });

  it("--only and --exclude-file narrow what is applied", async () => {
    const { project, plan } = await planned();
    const original = project.read("src/users.ts");
    const result = await apply(plan, project.dir, {
      only: new Set(["prefer-array-find"]),
      exclude: globMatcher(["src/orders.js"], project.dir),
    });
    expect(statuses(result.files)).toMatchObject({
      "src/orders.js": "excluded",
      "src/users.ts": "applied",
      "src/legacy.js": "nothing-selected",
    });
    expect(result.notInOnly).toBeGreaterThan(0);
    expect(project.read("src/users.ts")).toBe(
      original.replace(
        "users.filter((user) => user.admin)[0]",
        "users.find((user) => user.admin)!",
      ),
    );
  });

  it("refuses what a damaged or hostile plan asks for", async () => {
    const { project, plan } = await planned();
    const damaged = structuredClone(plan);
    const orders = damaged.files.find((f) => f.path === "src/orders.js")!;
    orders.changes[0]!.original = orders.changes[0]!.original.replace("open", "shut");
    const users = damaged.files.find((f) => f.path === "src/users.ts")!;
    users.changes[0]!.replacement = "users.find((user) => user.admin";
    const legacy = damaged.files.find((f) => f.path === "src/legacy.js")!;
    legacy.path = "../outside.js";
    const windows = damaged.files.find((f) => f.path === "src/windows.ts")!;
    windows.changes.push({ ...windows.changes[0]!, start: windows.changes[0]!.start + 1 });
    const result = await apply(damaged, project.dir);
    const reason = (file: string) =>
      (result.files.find((o) => o.path === file) as { reason?: string } | undefined)?.reason;
    expect(reason("src/orders.js")).toMatch(/the plan does not match the file it names/);
    expect(reason("src/users.ts")).toMatch(/^the result would not parse \(.+\); not written$/);
    expect(reason("../outside.js")).toBe(
      "the path leaves the directory the plan was made in; not written",
    );
    expect(reason("src/windows.ts")).toMatch(/overlap; the plan is damaged/);
    expect(result.files.find((o) => o.path === "src/hostile.ts")?.status).toBe("applied");
  });

  it("refuses a file that is gone or is now a symbolic link", async () => {
    const { project, plan } = await planned();
    rmSync(path.join(project.dir, "src/orders.js"));
    const target = path.join(project.dir, "src/users.ts");
    const kept = project.read("src/users.ts");
    rmSync(target);
    writeFileSync(path.join(project.dir, "elsewhere.ts"), kept);
    symlinkSync(path.join(project.dir, "elsewhere.ts"), target);
    const result = await apply(plan, project.dir);
    expect(result.files.find((o) => o.path === "src/orders.js")).toMatchObject({
      status: "refused",
      reason: "no longer exists",
    });
    expect(result.files.find((o) => o.path === "src/users.ts")).toMatchObject({
      status: "refused",
      reason: "is a symbolic link; not written through",
    });
    expect(readFileSync(path.join(project.dir, "elsewhere.ts"), "utf8")).toBe(kept);
  });
});

describe("reading a plan", () => {
  function errorOf(text: string): string {
    try {
      parsePlan(text, "plan.json");
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
    throw new Error("expected a UsageError");
  }

  it("explains what is wrong with a file that is not a plan", async () => {
    const { plan, result } = await planned();
    expect(errorOf("{")).toMatch(/^plan\.json: not valid JSON/);
    expect(errorOf(JSON.stringify({ version: 1, files: [], summary: {} }))).toBe(
      'plan.json is a JSON report, not a plan; make a plan with "lazymod <paths> --plan plan.json"',
    );
    expect(errorOf("[]")).toBe('plan.json is not a lazymod plan (no "kind": "lazymod-plan")');
    const noOriginal = structuredClone(plan) as unknown as {
      files: Array<{ changes: Array<{ original?: string }> }>;
    };
    delete noOriginal.files[1]!.changes[0]!.original;
    expect(errorOf(JSON.stringify(noOriginal))).toBe(
      "plan.json is not a valid lazymod plan: at /files/1/changes/0: must have required property 'original'",
    );
    const badStatus = structuredClone(plan);
    (badStatus.files[1]!.changes[0] as { status: string }).status = "maybe";
    expect(errorOf(JSON.stringify(badStatus))).toMatch(
      /at \/files\/1\/changes\/0\/status: must be equal to one of the allowed values \("apply", "held", "report"\)$/,
    );
    expect(result.summary.changes).toBeGreaterThan(0);
  });
});
