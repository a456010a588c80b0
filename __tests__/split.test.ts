import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PLAN_KIND, type Plan } from "../src/plan/plan.js";
import { parsePlan } from "../src/plan/read.js";
import { splitPlan } from "../src/plan/split.js";
import { lazymod, tempProject } from "./helpers/cli.js";
import { git, initRepository } from "./helpers/review.js";

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

/** A plan of these paths, with no changes (splitting only looks at paths). */
function planOf(paths: readonly string[]): Plan {
  return {
    version: 1,
    kind: PLAN_KIND,
    digest: `sha256:${"0".repeat(64)}`,
    tool: { name: "lazymod", version: "0.0.0" },
    options: { paths: ["."], maxRisk: 24 },
    origin: { relativeTo: "git-work-tree", directory: "." },
    transforms: [],
    files: paths.map((p) => ({ path: p, sha256: "0".repeat(64), changes: [] })),
    summary: {},
  };
}

/** Each share's name and paths. */
const layout = (plan: Plan, ...args: Parameters<typeof splitPlan>[1][]) =>
  Object.fromEntries(
    splitPlan(plan, args[0]!).map((share) => [share.name, share.plan.files.map((f) => f.path)]),
  );

describe("splitPlan", () => {
  const paths = [
    "README.ts",
    "packages/api/src/a.ts",
    "packages/api/src/b.ts",
    "packages/api/src/deep/c.ts",
    "packages/web/src/d.ts",
    "packages/web/legacy/e.ts",
    "scripts/f.ts",
  ];

  it("by directory: the top-level directories, deeper only past --max-files, then parts", () => {
    expect(layout(planOf(paths), { by: "directory" })).toEqual({
      packages: paths.slice(1, 6).sort(),
      scripts: ["scripts/f.ts"],
      top: ["README.ts"],
    });
    expect(layout(planOf(paths), { by: "directory", maxFiles: 2 })).toEqual({
      "packages-api-src": ["packages/api/src/a.ts", "packages/api/src/b.ts"],
      "packages-api-src-deep": ["packages/api/src/deep/c.ts"],
      "packages-web": ["packages/web/legacy/e.ts", "packages/web/src/d.ts"],
      scripts: ["scripts/f.ts"],
      top: ["README.ts"],
    });
    expect(layout(planOf(paths), { by: "directory", maxFiles: 1 })).toMatchObject({
      "packages-api-src--1": ["packages/api/src/a.ts"],
      "packages-api-src--2": ["packages/api/src/b.ts"],
      "packages-web-legacy": ["packages/web/legacy/e.ts"],
    });
  });

  it("by owners, unowned files together; every file in exactly one share", () => {
    const ownersOf = (p: string) =>
      p.startsWith("packages/api/") ? ["@acme/api"] : p.startsWith("packages/") ? ["@b", "@a"] : [];
    const shares = splitPlan(planOf(paths), { by: "codeowners", ownersOf });
    expect(shares.map((s) => [s.name, s.owners, s.plan.files.length])).toEqual([
      ["@a+@b", ["@a", "@b"], 2],
      ["@acme.api", ["@acme/api"], 3],
      ["unowned", [], 2],
    ]);
    const all = shares.flatMap((s) => s.plan.files.map((f) => f.path));
    expect(all.sort()).toEqual([...paths].sort());
    expect(new Set(all).size).toBe(all.length);
    // Each share records what it is a share of.
    expect(shares[1]!.plan.split).toEqual({
      of: `sha256:${"0".repeat(64)}`,
      by: "codeowners",
      share: "@acme.api",
      owners: ["@acme/api"],
    });
  });

  it("is stable: the order of the plan's files, and files elsewhere, do not move a file", () => {
    const once = layout(planOf(paths), { by: "directory", maxFiles: 2 });
    expect(layout(planOf([...paths].reverse()), { by: "directory", maxFiles: 2 })).toEqual(once);
    const more = layout(planOf([...paths, "scripts/g.ts", "scripts/h.ts", "other/x.ts"]), {
      by: "directory",
      maxFiles: 2,
    });
    for (const name of ["packages-api-src", "packages-api-src-deep", "packages-web", "top"])
      expect(more[name]).toEqual(once[name]);
  });

  it("names two shares that would be spelt alike apart, each by its own identity", () => {
    const ownersOf = (p: string) => (p.startsWith("a") ? ["@x/y"] : ["@x.y"]);
    const names = splitPlan(planOf(["a.ts", "b.ts"]), { by: "codeowners", ownersOf }).map(
      (s) => s.name,
    );
    expect(names).toHaveLength(2);
    expect(names[0]).not.toBe(names[1]);
    expect(names.every((n) => /^@x\.y-[0-9a-f]{8}$/.test(n))).toBe(true);
  });
});

const HEAD = "const xs: number[] = [1, 2];\n";
const eager = (name: string) =>
  `${HEAD}export const ${name} = xs.filter((x) => x > 1).length > 0;\n`;
/** A change above the default threshold (held back in the plan). */
const held = (name: string) => `export const ${name} = (ys) => ys.filter(isOk).length > 0;\n`;

/** A multi-package repository with CODEOWNERS, one finding (or two) per file. */
function monorepo() {
  const p = tempProject({
    "package.json": '{ "name": "acme", "private": true, "workspaces": ["packages/*"] }\n',
    ".github/CODEOWNERS": [
      "* @acme/leads",
      "/packages/api/ @acme/api # the API team",
      "/packages/web/ @acme/web @acme/design",
      "/packages/web/legacy/",
      "",
    ].join("\n"),
    "packages/api/package.json": '{ "name": "@acme/api" }\n',
    "packages/api/src/users.ts": eager("users"),
    "packages/api/src/orders.ts": eager("orders") + held("checkOrders"),
    "packages/api/src/deep/report.ts": eager("report"),
    "packages/web/package.json": '{ "name": "@acme/web" }\n',
    "packages/web/src/app.ts": eager("app"),
    "packages/web/legacy/old.ts": eager("old"),
    "scripts/build.ts": eager("build"),
    "tools.ts": eager("tools"),
  });
  cleanups.push(p.cleanup);
  initRepository(p.dir);
  return p;
}

/** Every file of a tree but .git and the split's output, with its content. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.posix.join(sub, entry.name);
      if (entry.name === ".git" || rel.startsWith("out")) continue;
      if (entry.isDirectory()) walk(rel);
      else out[rel] = readFileSync(path.join(dir, rel), "utf8");
    }
  };
  walk("");
  return out;
}

describe("lazymod split on a multi-package repository", () => {
  it("writes one applicable plan, patch and report per owner; together they are the plan", () => {
    const p = monorepo();
    const made = lazymod(
      [".", "--plan", "out/plan.json", "--no-types", "--max-risk", "low"],
      p.dir,
    );
    expect(made.code).toBe(0);
    const plan = parsePlan(p.read("out/plan.json"), "plan.json");
    expect(plan.files).toHaveLength(7);

    const split = lazymod(["split", "out/plan.json", "--by", "codeowners"], p.dir);
    expect(split.stderr).toBe("");
    expect(split.code).toBe(0);
    const dir = path.join(p.dir, "out/plan-by-codeowners");
    const manifest = JSON.parse(readFileSync(path.join(dir, "split.json"), "utf8"));
    const shares = manifest.shares as Array<{ name: string; files: string[]; digest: string }>;
    expect(Object.fromEntries(shares.map((s) => [s.name, s.files]))).toEqual({
      "@acme.api": [
        "packages/api/src/deep/report.ts",
        "packages/api/src/orders.ts",
        "packages/api/src/users.ts",
      ],
      "@acme.design+@acme.web": ["packages/web/src/app.ts"],
      "@acme.leads": ["scripts/build.ts", "tools.ts"],
      unowned: ["packages/web/legacy/old.ts"],
    });
    expect(manifest).toMatchObject({
      kind: "lazymod-split",
      by: "codeowners",
      plan: { digest: plan.digest },
    });
    expect(split.stdout).toContain(
      "Split out/plan.json (7 files, digest " +
        plan.digest +
        ") by codeowners into 4 shares in out/plan-by-codeowners/:",
    );
    expect(split.stdout).toMatch(
      /^ {2}@acme\.api +3 files, 4 changes \(3 to apply\) {2}owners @acme\/api$/m,
    );
    expect(split.stdout).toMatch(/^ {2}unowned +1 file, 1 change \(1 to apply\) {2}no owner$/m);
    // Each share is a valid plan with its own digest, and names the plan it came from.
    for (const share of shares) {
      const sharePlan = parsePlan(
        readFileSync(path.join(dir, `${share.name}.plan.json`), "utf8"),
        share.name,
      );
      expect(sharePlan.digest).toBe(share.digest);
      expect((sharePlan as Plan & { split: unknown }).split).toMatchObject({
        of: plan.digest,
        share: share.name,
      });
      expect(existsSync(path.join(dir, `${share.name}.patch`))).toBe(true);
    }
    const markdown = readFileSync(path.join(dir, "@acme.api.md"), "utf8");
    expect(markdown).toMatch(
      /^<!-- lazymod-report -->\n\*\*Share `@acme\.api`\*\* of `out\/plan\.json`: 3 files owned by `@acme\/api`/,
    );
    expect(markdown).toContain(
      `lazymod apply --expect-digest ${shares[0]!.digest} out/plan-by-codeowners/@acme.api.plan.json`,
    );

    // The same plan splits the same way.
    const again = lazymod(["split", "out/plan.json", "--by", "codeowners"], p.dir);
    expect(again.code).toBe(0);
    const second = JSON.parse(readFileSync(path.join(dir, "split.json"), "utf8"));
    expect(second.shares.map((s: { digest: string }) => s.digest)).toEqual(
      shares.map((s) => s.digest),
    );

    // Applying every share, applying every patch, and applying the whole plan agree.
    const byShares = path.join(p.dir, "../", `${path.basename(p.dir)}-shares`);
    const byPatches = path.join(p.dir, "../", `${path.basename(p.dir)}-patches`);
    const whole = path.join(p.dir, "../", `${path.basename(p.dir)}-whole`);
    for (const copy of [byShares, byPatches, whole]) {
      cpSync(p.dir, copy, { recursive: true });
      cleanups.push(() => rmSync(copy, { recursive: true, force: true }));
    }
    for (const share of shares) {
      const applied = lazymod(
        [
          "apply",
          "--expect-digest",
          share.digest,
          `out/plan-by-codeowners/${share.name}.plan.json`,
        ],
        byShares,
      );
      expect([share.name, applied.code, applied.stderr]).toEqual([share.name, 0, ""]);
      git(["apply", path.join(dir, `${share.name}.patch`)], byPatches);
    }
    expect(lazymod(["apply", "out/plan.json"], whole).code).toBe(0);
    expect(tree(byShares)).toEqual(tree(whole));
    expect(tree(byPatches)).toEqual(tree(whole));
    expect(tree(whole)).not.toEqual(tree(p.dir));
  });

  it("by directory, --max-files, a directory reused or refused, and a file changed since the plan", () => {
    const p = monorepo();
    expect(lazymod([".", "--plan", "out/plan.json", "--no-types"], p.dir).code).toBe(0);
    const names = (dir: string) =>
      JSON.parse(readFileSync(path.join(p.dir, dir, "split.json"), "utf8")).shares.map(
        (s: { name: string }) => s.name,
      );
    const byDirectory = lazymod(
      ["split", "out/plan.json", "--by", "directory", "--output-dir", "out/dirs"],
      p.dir,
    );
    expect(byDirectory.code).toBe(0);
    expect(names("out/dirs")).toEqual(["packages", "scripts", "top"]);
    // The same directory, split finer: the earlier shares are gone.
    const finer = lazymod(
      [
        "split",
        "out/plan.json",
        "--by",
        "directory",
        "--max-files",
        "1",
        "--output-dir",
        "out/dirs",
      ],
      p.dir,
    );
    expect(finer.code).toBe(0);
    expect(names("out/dirs")).toEqual([
      "packages-api-src--1",
      "packages-api-src--2",
      "packages-api-src-deep",
      "packages-web-legacy",
      "packages-web-src",
      "scripts",
      "top",
    ]);
    expect(existsSync(path.join(p.dir, "out/dirs/packages.plan.json"))).toBe(false);
    // A directory that is not empty and holds no split is left alone.
    mkdirSync(path.join(p.dir, "out/mine"));
    writeFileSync(path.join(p.dir, "out/mine/notes.txt"), "mine\n");
    const refused = lazymod(
      ["split", "out/plan.json", "--by", "directory", "--output-dir", "out/mine"],
      p.dir,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      "--output-dir out/mine: is not empty and holds no earlier split",
    );
    // A file edited since the plan: its share's plan keeps it (apply refuses it), its patch cannot.
    writeFileSync(path.join(p.dir, "tools.ts"), eager("tools") + "// edited\n");
    const stale = lazymod(
      ["split", "out/plan.json", "--by", "directory", "--output-dir", "out/stale"],
      p.dir,
    );
    expect(stale.code).toBe(2);
    expect(stale.stderr).toBe(
      "lazymod: tools.ts: changed since the plan was made (sha256 differs); left out of top.patch (its plan still has it: make a new plan)\n",
    );
    expect(p.read("out/stale/top.patch")).toBe(
      '# lazymod: "tools.ts" has changes but no source text; not in this patch\n',
    );
    expect(p.read("out/stale/top.plan.json")).toContain('"path": "tools.ts"');
  });

  it("says what it needs", () => {
    const p = monorepo();
    expect(lazymod([".", "--plan", "plan.json", "--no-types"], p.dir).code).toBe(0);
    const noBy = lazymod(["split", "plan.json"], p.dir);
    expect([noBy.code, noBy.stderr.split("\n")[0]]).toEqual([
      2,
      "lazymod: --by must be one of codeowners, directory",
    ]);
    const bad = lazymod(["split", "plan.json", "--by", "team", "--max-files", "0"], p.dir);
    expect(bad.stderr).toMatch(/^lazymod: --by must be one of codeowners, directory, got "team"/);
    const zero = lazymod(["split", "plan.json", "--by", "directory", "--max-files", "0"], p.dir);
    expect(zero.stderr).toMatch(/^lazymod: --max-files must be a positive integer, got "0"/);
    git(["rm", "-q", ".github/CODEOWNERS"], p.dir);
    const none = lazymod(["split", "plan.json", "--by", "codeowners"], p.dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(
      /^lazymod: no CODEOWNERS file in .* \(GitHub reads \.github\/CODEOWNERS, CODEOWNERS, docs\/CODEOWNERS\)/,
    );
    writeFileSync(path.join(p.dir, "CODEOWNERS"), "* @acme/leads\n[a-z]* @nobody\n");
    const warned = lazymod(["split", "plan.json", "--by", "codeowners"], p.dir);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toBe(
      'lazymod: warning: CODEOWNERS:2: "[a-z]*": "[ ]" character ranges do not work in CODEOWNERS; the line is skipped, as GitHub skips it\n',
    );
    const help = lazymod(["split", "--help"], p.dir);
    expect(help.stdout).toContain("Usage: lazymod split <plan.json> --by <codeowners|directory>");
    expect(lazymod(["--help"], p.dir).stdout).toContain("lazymod split <plan.json> --by");
  });
});
