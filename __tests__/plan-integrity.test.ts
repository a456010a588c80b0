import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { planDigest, type Plan } from "../src/plan/plan.js";
import { parsePlan, PlanRefusedError } from "../src/plan/read.js";
import { UsageError } from "../src/core/errors.js";
import { lazymod, tempProject } from "./helpers/cli.js";
import { git, initRepository } from "./helpers/review.js";

const LOW =
  "const xs: number[] = [1, 2];\nexport const any = xs.filter((x) => x > 1).length > 0;\n";
const LOW_AFTER = "const xs: number[] = [1, 2];\nexport const any = xs.some((x) => x > 1);\n";

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

function emptyDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "lazymod-elsewhere-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A project with two low-risk files, planned from its root as `plan.json`. */
function planned(files: Record<string, string> = { "src/a.ts": LOW, "src/b.ts": LOW }) {
  const p = project(files);
  const made = lazymod(["src", "--plan", "plan.json"], p.dir);
  expect(made.code, made.stderr).toBe(0);
  const text = p.read("plan.json");
  return { ...p, text, plan: JSON.parse(text) as Plan };
}

/** Every key of every object in reverse order: the same JSON value, written otherwise. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reversedKeys(item)]),
  );
}

function refusal(text: string): Error {
  try {
    parsePlan(text, "plan.json");
  } catch (error) {
    return error as Error;
  }
  throw new Error("the plan was accepted");
}

describe("a plan's digest", () => {
  it("covers every field that decides what apply writes; spacing and key order do not change it", () => {
    const { plan } = planned();
    expect(plan.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(planDigest(plan)).toBe(plan.digest);
    // The same plan written compactly, or with every object's keys reversed, is the same plan.
    expect(parsePlan(JSON.stringify(plan), "plan.json").digest).toBe(plan.digest);
    expect(planDigest(reversedKeys(plan) as object)).toBe(plan.digest);
    expect(parsePlan(JSON.stringify(reversedKeys(plan), null, "\t"), "p").files).toEqual(
      plan.files,
    );

    const edits: Record<string, (p: Plan) => void> = {
      replacement: (p) => (p.files[0]!.changes[0]!.replacement += "; process.exit(1)"),
      start: (p) => p.files[0]!.changes[0]!.start++,
      end: (p) => p.files[0]!.changes[0]!.end--,
      original: (p) => (p.files[0]!.changes[0]!.original += " "),
      path: (p) => (p.files[0]!.path = "src/c.ts"),
      sha256: (p) => (p.files[0]!.sha256 = "0".repeat(64)),
      status: (p) => (p.files[0]!.changes[0]!.status = "held"),
      "risk score": (p) => (p.files[0]!.changes[0]!.risk.score = 99),
      "risk factor": (p) =>
        p.files[0]!.changes[0]!.risk.factors.push({ id: "x", weight: 1, reason: "r" }),
      transform: (p) => (p.files[0]!.changes[0]!.transform = "prefer-has"),
      "the order of files": (p) => p.files.reverse(),
      origin: (p) => (p.origin.directory = "elsewhere"),
      "max risk": (p) => (p.options.maxRisk = 100),
      message: (p) => (p.files[0]!.changes[0]!.message = "nothing to see"),
    };
    for (const [name, edit] of Object.entries(edits)) {
      const edited = structuredClone(plan);
      edit(edited);
      expect(planDigest(edited), name).not.toBe(plan.digest);
      const error = refusal(JSON.stringify(edited, null, 2));
      expect(error, name).toBeInstanceOf(PlanRefusedError);
      expect(error.message, name).toMatch(/^plan\.json does not match its digest/);
    }
  });

  it("a plan without a digest is refused, with what to do", () => {
    const { plan } = planned();
    const { digest: _digest, ...unsealed } = plan;
    const error = refusal(JSON.stringify(unsealed));
    expect(error).toBeInstanceOf(PlanRefusedError);
    expect(error.message).toBe(
      'plan.json has no digest: it was made by a lazymod that did not seal its plans, and an edit to it could not be detected; make a new plan with "lazymod <paths> --plan plan.json"',
    );
  });

  it("an origin outside the work tree is refused even with a matching digest", () => {
    const { plan } = planned();
    const crafted = structuredClone(plan);
    crafted.origin = { relativeTo: "git-work-tree", directory: "../../etc" };
    crafted.digest = planDigest(crafted);
    const error = refusal(JSON.stringify(crafted));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(/origin\.directory "\.\.\/\.\.\/etc" leaves the git work tree/);
  });
});

describe("lazymod apply and the digest", () => {
  it("a replacement edited in the plan is refused with exit 2, and nothing is written", () => {
    const p = planned();
    const edited = p.text.replace(
      "xs.some((x) => x > 1)",
      "(process.exit(1), xs.some((x) => x > 1))",
    );
    expect(edited).not.toBe(p.text);
    writeFileSync(path.join(p.dir, "plan.json"), edited);
    const result = lazymod(["apply", "plan.json"], p.dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^lazymod: plan\.json does not match its digest \(sha256:[0-9a-f]{64}; its content hashes to sha256:[0-9a-f]{64}\): it was edited or damaged after lazymod made it\. Nothing was applied; make a new plan\n$/,
    );
    expect(p.read("src/a.ts")).toBe(LOW);
    expect(p.read("src/b.ts")).toBe(LOW);
  });

  it("the same plan reformatted still applies", () => {
    const p = planned();
    writeFileSync(path.join(p.dir, "plan.json"), JSON.stringify(reversedKeys(p.plan)));
    const result = lazymod(["apply", "plan.json"], p.dir);
    expect(result.code, result.stderr).toBe(0);
    expect(p.read("src/a.ts")).toBe(LOW_AFTER);
  });

  it("--expect-digest applies the reviewed plan and refuses any other", () => {
    const p = planned();
    const reviewed = p.plan.digest;
    // A new plan of the same files, after one changed: valid, sealed, but not the one reviewed.
    writeFileSync(path.join(p.dir, "src/b.ts"), `${LOW}// edited\n`);
    lazymod(["src", "--plan", "plan.json"], p.dir);
    const other = (JSON.parse(p.read("plan.json")) as Plan).digest;
    expect(other).not.toBe(reviewed);
    const refused = lazymod(["apply", "--expect-digest", reviewed, "plan.json"], p.dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `lazymod: plan.json is not the plan that was reviewed: its digest is ${other}, --expect-digest wants ${reviewed}. Nothing was applied\n`,
    );
    expect(p.read("src/a.ts")).toBe(LOW);

    const malformed = lazymod(["apply", "--expect-digest", "sha256:abc", "plan.json"], p.dir);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/--expect-digest must be a plan digest/);

    // The digest as printed, or its bare hex in any case.
    const bare = other.slice("sha256:".length).toUpperCase();
    const applied = lazymod(["apply", "--expect-digest", bare, "plan.json"], p.dir);
    expect(applied.code, applied.stderr).toBe(0);
    expect(p.read("src/a.ts")).toBe(LOW_AFTER);
  });

  it("the digest is printed where the plan is made and named in its Markdown report", () => {
    const p = project({ "src/a.ts": LOW });
    const made = lazymod(
      ["src", "--plan", "review/plan.json", "--format", "markdown", "--output", "review/report.md"],
      p.dir,
    );
    expect(made.code, made.stderr).toBe(0);
    const text = p.read("review/plan.json");
    const { digest } = JSON.parse(text) as Plan;
    expect(planDigest(JSON.parse(text) as object)).toBe(digest);
    expect(made.stderr).toContain(`(1 change, digest ${digest})`);
    expect(made.stderr).toContain(
      `then run: lazymod apply --expect-digest ${digest} review/plan.json`,
    );
    const report = p.read("review/report.md");
    expect(report).toContain(
      `Plan \`review/plan.json\`, digest \`${digest}\`: apply exactly the plan reviewed here with \`lazymod apply --expect-digest ${digest} review/plan.json\``,
    );
    // Without --plan, the report names no plan.
    lazymod(["src", "--format", "markdown", "--output", "review/plain.md"], p.dir);
    expect(p.read("review/plain.md")).not.toContain("digest");
  });

  it("apply --help documents --expect-digest and where paths are read from", () => {
    const help = lazymod(["apply", "--help"], tmpdir());
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--expect-digest <sha256:…>/);
    expect(help.stdout).toMatch(/digest of its content/);
    expect(help.stdout).toMatch(/root of its\s+git work tree/);
  });
});

describe("lazymod apply from another directory", () => {
  it("from a subdirectory of the work tree: one line says where, and the plan applies", () => {
    const p = project({ "src/a.ts": LOW, "src/b.ts": LOW });
    initRepository(p.dir);
    lazymod(["src", "--plan", "plan.json"], p.dir);
    expect((JSON.parse(p.read("plan.json")) as Plan).origin).toEqual({
      relativeTo: "git-work-tree",
      directory: ".",
    });
    const result = lazymod(["apply", "../plan.json"], path.join(p.dir, "src"));
    expect(result.stderr).toBe(
      "lazymod: ../plan.json was made in the root of its git work tree: its paths are read from .., not from the working directory\n",
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Applied 2 changes to 2 files.");
    expect(p.read("src/a.ts")).toBe(LOW_AFTER);
  });

  it("a plan made in a package of a monorepo applies in another clone, from its root or the package", () => {
    const p = project({ "packages/api/src/a.ts": LOW, "packages/web/x.ts": LOW });
    initRepository(p.dir);
    const api = path.join(p.dir, "packages/api");
    lazymod(["src", "--plan", "plan.json"], api);
    expect((JSON.parse(p.read("packages/api/plan.json")) as Plan).origin).toEqual({
      relativeTo: "git-work-tree",
      directory: "packages/api",
    });
    const clone = emptyDir();
    git(["clone", "-q", p.dir, clone], p.dir);
    cpSync(path.join(api, "plan.json"), path.join(clone, "packages/api/plan.json"));

    const fromRoot = lazymod(["apply", "packages/api/plan.json"], clone);
    expect(fromRoot.stderr).toBe(
      "lazymod: packages/api/plan.json was made in `packages/api` of its git work tree: its paths are read from packages/api, not from the working directory\n",
    );
    expect(fromRoot.code).toBe(0);
    expect(readFileSync(path.join(clone, "packages/api/src/a.ts"), "utf8")).toBe(LOW_AFTER);
    expect(readFileSync(path.join(clone, "packages/web/x.ts"), "utf8")).toBe(LOW);

    const fromPackage = lazymod(["apply", "plan.json"], api);
    expect([fromPackage.code, fromPackage.stderr]).toEqual([0, ""]);
    expect(p.read("packages/api/src/a.ts")).toBe(LOW_AFTER);
  });

  it("where none of the plan's files is: refused in one line, not one line per file", () => {
    const p = planned();
    const elsewhere = emptyDir();
    // Outside a work tree the origin is the plan file's directory: from anywhere, the plan
    // applies where it was made, and one line says so.
    const planFile = path.join(p.dir, "plan.json");
    const there = lazymod(["apply", "--expect-digest", p.plan.digest, planFile], elsewhere);
    expect(there.stderr).toBe(
      `lazymod: ${planFile} was made in the plan file's directory: its paths are read from ${p.dir}, not from the working directory\n`,
    );
    expect(there.code).toBe(0);
    expect(p.read("src/a.ts")).toBe(LOW_AFTER);
    // A copy of the plan away from the project finds none of its files.
    cpSync(planFile, path.join(elsewhere, "copy.json"));
    const result = lazymod(["apply", "copy.json"], elsewhere);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      "lazymod: none of the 2 files copy.json changes is in this directory, and the plan was made in the plan file's directory: is this the repository the plan is for? Nothing was applied\n",
    );
  });

  it("a plan of a work tree applied outside any work tree: one line each, refused where its files are not", () => {
    const p = project({ "src/a.ts": LOW });
    initRepository(p.dir);
    lazymod(["src", "--plan", "plan.json"], p.dir);
    const elsewhere = emptyDir();
    cpSync(path.join(p.dir, "plan.json"), path.join(elsewhere, "plan.json"));
    const missing = lazymod(["apply", "plan.json"], elsewhere);
    expect([missing.code, missing.stdout]).toEqual([2, ""]);
    expect(missing.stderr).toBe(
      "lazymod: the file plan.json changes is not in this directory, and the plan was made in the root of its git work tree (this directory is in none): is this the repository the plan is for? Nothing was applied\n",
    );
    // An export of the tree (no .git) holds the files: applied there, and said so.
    mkdirSync(path.join(elsewhere, "src"));
    cpSync(path.join(p.dir, "src/a.ts"), path.join(elsewhere, "src/a.ts"));
    const exported = lazymod(["apply", "plan.json"], elsewhere);
    expect(exported.stderr).toBe(
      "lazymod: plan.json was made in the root of its git work tree, and this directory is in none: its paths are read from here\n",
    );
    expect(exported.code).toBe(0);
    expect(readFileSync(path.join(elsewhere, "src/a.ts"), "utf8")).toBe(LOW_AFTER);
  });

  it("outside a work tree, the origin is relative to the plan file's directory", () => {
    const p = project({ "src/a.ts": LOW });
    lazymod(["src", "--plan", "out/plan.json"], p.dir);
    expect((JSON.parse(p.read("out/plan.json")) as Plan).origin).toEqual({
      relativeTo: "plan-directory",
      directory: "..",
    });
    const result = lazymod(["apply", "plan.json"], path.join(p.dir, "out"));
    expect(result.stderr).toBe(
      "lazymod: plan.json was made in `..` from the plan file's directory: its paths are read from .., not from the working directory\n",
    );
    expect(result.code).toBe(0);
    expect(p.read("src/a.ts")).toBe(LOW_AFTER);
  });
});
