import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { UsageError } from "../src/core/errors.js";
import { githubReport } from "../src/reporters/github.js";
import { jsonReportData } from "../src/reporters/json.js";
import { markdownReport } from "../src/reporters/markdown.js";
import { sarifReport } from "../src/reporters/sarif.js";
import { textReport } from "../src/reporters/text.js";
import { addedLines, changedLinesSince, unquoteGitPath } from "../src/runner/changed-lines.js";
import { run } from "../src/runner/run.js";
import { sinceFilter } from "../src/runner/since.js";
import { transforms } from "../transforms/index.js";
import { clocklessJson, lazymod, tempProject } from "./helpers/cli.js";
import { monorepo } from "./helpers/monorepo.js";
import { git, initRepository } from "./helpers/review.js";

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

/** A low-risk finding (`prefer-array-some`, applied by --write) named after `name`. */
const eager = (name: string) => `export const ${name} = xs.filter((x) => x > 1).length > 0;\n`;
const HEAD = "const xs: number[] = [1, 2];\n";

/**
 * A repository whose `feature` branch left `main` and then: edited a file (a new finding below an
 * old one), renamed one file unchanged and another with an added finding, deleted one, changed a
 * multi-line finding on one of its lines, and left staged, unstaged and untracked work, in files
 * whose names git quotes. `main` moved on afterwards in a file the branch does not touch.
 */
function repository() {
  const p = tempProject({
    "src/edited.ts": HEAD + eager("old") + "\n",
    "src/renamed-only.ts": HEAD + eager("kept"),
    "src/renamed-edited.ts": HEAD + eager("before"),
    "src/deleted.ts": HEAD + eager("gone"),
    "src/multi.ts": `${HEAD}export const many = xs\n  .filter((x) => x > 1)\n  .length > 0;\n`,
    "src/staged.ts": HEAD,
    'src/unstaged ü "q".ts': HEAD,
    "src/untouched.ts": HEAD + eager("untouched"),
    "src/on-main.ts": HEAD,
    "src/directive.ts": `${HEAD}// lazymod-ignore-next-line no-such-rule\n${eager("oldDirective")}`,
  });
  cleanups.push(p.cleanup);
  initRepository(p.dir);
  git(["checkout", "-q", "-b", "feature"], p.dir);
  const write = (file: string, text: string) => writeFileSync(path.join(p.dir, file), text);
  write("src/edited.ts", HEAD + eager("old") + "\n" + eager("added"));
  git(["mv", "src/renamed-only.ts", "src/moved-only.ts"], p.dir);
  git(["mv", "src/renamed-edited.ts", "src/moved-edited.ts"], p.dir);
  write("src/moved-edited.ts", HEAD + eager("before") + eager("after"));
  git(["rm", "-q", "src/deleted.ts"], p.dir);
  // An old ignore comment naming no transform, and a new one below it.
  write(
    "src/directive.ts",
    `${HEAD}// lazymod-ignore-next-line no-such-rule\n${eager("oldDirective")}` +
      `// lazymod-ignore-next-line other-rule\n${eager("newDirective")}`,
  );
  // One line of three changed: the finding spans it, so it is in the diff.
  write("src/multi.ts", `${HEAD}export const many = xs\n  .filter((x) => x > 2)\n  .length > 0;\n`);
  git(["commit", "-qam", "feature work"], p.dir);
  // main moves on after the branch left it.
  git(["checkout", "-q", "main"], p.dir);
  write("src/on-main.ts", HEAD + eager("mainOnly"));
  git(["commit", "-qam", "main moves on"], p.dir);
  git(["checkout", "-q", "feature"], p.dir);
  // Uncommitted work: staged, unstaged (a name git quotes), untracked (a name with a tab).
  write("src/staged.ts", HEAD + eager("staged"));
  git(["add", "src/staged.ts"], p.dir);
  write('src/unstaged ü "q".ts', HEAD + eager("unstaged"));
  write("src/new\tfile.ts", HEAD + eager("untracked"));
  return p;
}

/** Each kept change as `path:line name` (the name its line declares), and what was left out. */
function kept(result: Awaited<ReturnType<typeof run>>) {
  const declared = (file: string, line: number) =>
    /const (\w+)/.exec(readFileSync(file, "utf8").split("\n")[line - 1] ?? "")?.[1];
  return {
    changes: result.files.flatMap((f) =>
      f.changes.map((c) => `${f.path}:${c.line} ${declared(f.absolutePath, c.line)}`),
    ),
    outsideDiff: result.summary.outsideDiff,
  };
}

describe("--changed-lines", () => {
  it("keeps only the changes on lines the branch added or modified, and counts the rest", async () => {
    const p = repository();
    const lines = await changedLinesSince("main", p.dir);
    const result = await run({
      transforms,
      cwd: p.dir,
      filters: [await sinceFilter("main", p.dir)],
      changedLines: lines,
    });
    expect(kept(result)).toEqual({
      changes: [
        "src/directive.ts:5 newDirective",
        "src/edited.ts:4 added",
        "src/moved-edited.ts:3 after",
        "src/multi.ts:2 many",
        "src/new\tfile.ts:2 untracked",
        "src/staged.ts:2 staged",
        'src/unstaged ü "q".ts:2 unstaged',
      ],
      // `oldDirective`, `old` in edited.ts, `before` in moved-edited.ts, `kept` in moved-only.ts,
      // and the old ignore comment's warning.
      outsideDiff: { changes: 4, files: 4, warnings: 1 },
    });
    // Every count is of what was kept: --check sees 7 applicable changes in 7 files.
    expect(result.summary).toMatchObject({
      changes: 7,
      applicable: 7,
      filesChanged: 7,
      warnings: 1,
    });
    const directive = result.files.find((f) => f.path === "src/directive.ts")!;
    expect(directive.warnings?.map((w) => [w.id, w.line, w.transform])).toEqual([
      ["unknown-transform-in-directive", 4, "other-rule"],
    ]);
    const moved = await run({ transforms, cwd: p.dir, paths: ["src/moved-only.ts"] });
    expect(moved.summary.changes).toBe(1); // the renamed file does have a change, outside the diff

    // From a subdirectory, the same lines.
    const fromSrc = await changedLinesSince("main", path.join(p.dir, "src"));
    expect(fromSrc.touches(path.join(p.dir, "src/edited.ts"), 4, 4)).toBe(true);
    expect(fromSrc.touches(path.join(p.dir, "src/edited.ts"), 1, 3)).toBe(false);
    // Since HEAD: only the uncommitted work.
    const sinceHead = await changedLinesSince("HEAD", p.dir);
    expect(sinceHead.touches(path.join(p.dir, "src/edited.ts"), 1, 5)).toBe(false);
    expect(sinceHead.touches(path.join(p.dir, "src/staged.ts"), 2, 2)).toBe(true);
    expect(sinceHead.touches(path.join(p.dir, 'src/unstaged ü "q".ts'), 2, 2)).toBe(true);
    // A deleted file has no lines; neither has one the branch never touched.
    expect(lines.touches(path.join(p.dir, "src/deleted.ts"), 1, 99)).toBe(false);
    expect(lines.touches(path.join(p.dir, "src/on-main.ts"), 1, 99)).toBe(false);
  });

  it("every format shows only the kept changes and counts the others in its summary", async () => {
    const p = repository();
    const result = await run({
      transforms,
      cwd: p.dir,
      filters: [await sinceFilter("main", p.dir)],
      changedLines: await changedLinesSince("main", p.dir),
    });
    const github = githubReport(result);
    // 7 changes and the new ignore comment's warning.
    expect(github.match(/^::warning /gm)).toHaveLength(8);
    expect(github).not.toContain("file=src/moved-only.ts");
    expect(github).toMatch(
      /::notice title=lazymod summary::.*; outside the diff: 4 changes in 4 files, 1 warning, on lines this branch did not change/,
    );
    const sarif = JSON.parse(sarifReport(result));
    expect(sarif.runs[0].results).toHaveLength(7);
    expect(sarif.runs[0].properties.summary.outsideDiff).toEqual({
      changes: 4,
      files: 4,
      warnings: 1,
    });
    const markdown = markdownReport(result);
    expect(markdown).toContain("Outside the diff: 4 changes in 4 files, 1 warning, on lines this");
    expect(markdown).not.toContain("moved-only.ts");
    expect(jsonReportData(result).summary).toMatchObject({
      changes: 7,
      outsideDiff: { changes: 4, files: 4, warnings: 1 },
    });
    expect(textReport(result)).toMatch(/^Outside the diff: 4 changes in 4 files, 1 warning, on/m);
    // Without changed lines, no such count anywhere.
    const whole = await run({
      transforms,
      cwd: p.dir,
      filters: [await sinceFilter("main", p.dir)],
    });
    expect(whole.summary).toMatchObject({ changes: 11, warnings: 2 });
    expect(jsonReportData(whole).summary).not.toHaveProperty("outsideDiff");
    expect(textReport(whole)).not.toContain("Outside the diff");
  });

  it("refuses to be combined with writing", async () => {
    const p = repository();
    const lines = await changedLinesSince("main", p.dir);
    await expect(run({ transforms, cwd: p.dir, changedLines: lines, write: true })).rejects.toThrow(
      UsageError,
    );
  });

  it("reads the added lines of each hunk, not content that looks like a header", () => {
    const patch = [
      "diff --git a/a.ts b/a.ts",
      "--- a/a.ts",
      "+++ b/a.ts",
      "@@ -1,2 +1,3 @@",
      "-old",
      "-+++ b/not-a-file.ts",
      "+++ b/not-a-file-either.ts",
      "+new",
      "+@@ -9 +9 @@",
      "@@ -7 +8,0 @@",
      "-gone",
      "@@ -10,0 +11 @@",
      "+one",
      "\\ No newline at end of file",
      'diff --git "a/x\\ty.ts" "b/x\\ty.ts"',
      '--- "a/x\\ty.ts"',
      '+++ "b/x\\ty\\303\\274.ts"',
      "@@ -0,0 +1,2 @@",
      "+a",
      "+b",
      "diff --git a/gone.ts b/gone.ts",
      "--- a/gone.ts",
      "+++ /dev/null",
      "@@ -1 +0,0 @@",
      "-x",
      "",
    ].join("\n");
    expect(Object.fromEntries(addedLines(patch, "/r"))).toEqual({
      "/r/a.ts": [
        [1, 3],
        [11, 11],
      ],
      "/r/x\tyü.ts": [[1, 2]],
    });
    expect(unquoteGitPath('"a \\"b\\" \\\\ \\303\\251"')).toBe('a "b" \\ é');
    expect(unquoteGitPath("plain name.ts")).toBe("plain name.ts");
  });
});

describe("--changed-lines on the command line", () => {
  it("gates --check on the changed lines, and says what it needs", () => {
    const p = tempProject({
      "src/old.ts": HEAD + eager("old"),
      "src/touched.ts": HEAD + eager("old2"),
    });
    cleanups.push(p.cleanup);
    initRepository(p.dir);
    git(["checkout", "-q", "-b", "feature"], p.dir);
    // The branch touches a file with an old finding, on another line.
    writeFileSync(path.join(p.dir, "src/touched.ts"), `// a comment\n${HEAD}${eager("old2")}`);
    git(["commit", "-qam", "comment"], p.dir);
    // --since alone fails the check on the old finding of the touched file …
    const files = lazymod(["--since", "main", "--check", "--no-types"], p.dir);
    expect(files.code).toBe(1);
    // … with --changed-lines it does not, and says what it left out.
    const lines = lazymod(["--since", "main", "--changed-lines", "--check", "--no-types"], p.dir);
    expect(lines.code).toBe(0);
    expect(lines.stdout).toContain(
      "Outside the diff: 1 change in 1 file on lines this branch did not change (--changed-lines): not shown, and not counted by --check",
    );
    expect(lines.stdout).not.toContain("src/touched.ts:");
    // A new finding on a changed line fails it (in a file renamed, not committed yet).
    git(["mv", "src/touched.ts", "src/renamed.ts"], p.dir);
    writeFileSync(
      path.join(p.dir, "src/renamed.ts"),
      `// a comment\n${HEAD}${eager("old2")}${eager("fresh")}`,
    );
    const fresh = lazymod(
      ["--since", "main", "--changed-lines", "--check", "--format", "json", "--no-types"],
      p.dir,
    );
    expect(fresh.code).toBe(1);
    const report = JSON.parse(fresh.stdout);
    expect(report.files.map((f: { path: string }) => f.path)).toEqual(["src/renamed.ts"]);
    expect(report.summary.outsideDiff).toEqual({ changes: 1, files: 1, warnings: 0 });
    expect(report.run.options).toMatchObject({ since: "main", changedLines: true });

    // Shards of a --changed-lines run merge with their counts; a shard without it is refused.
    const shard = (k: number, ...extra: string[]) => {
      const out = `shard-${k}${extra.length}.json`;
      const args = ["--since", "main", "--no-types", "--format", "json", "--output", out];
      expect(lazymod([...args, "--shard", `${k}/2`, ...extra], p.dir).code).toBe(0);
      return out;
    };
    const merged = lazymod(
      ["merge", shard(1, "--changed-lines"), shard(2, "--changed-lines"), "--format", "json"],
      p.dir,
    );
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.stdout).summary).toMatchObject({
      changes: 1,
      outsideDiff: { changes: 1, files: 1, warnings: 0 },
    });
    const mixed = lazymod(["merge", shard(1, "--changed-lines"), shard(2)], p.dir);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain("--changed-lines off, not on");

    const alone = lazymod(["--changed-lines"], p.dir);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/^lazymod: --changed-lines needs --since <git-ref>/);
    const writing = lazymod(["--since", "main", "--changed-lines", "--write"], p.dir);
    expect(writing.code).toBe(2);
    expect(writing.stderr).toMatch(/^lazymod: --changed-lines and --write cannot be combined/);
    rmSync(path.join(p.dir, ".git"), { recursive: true, force: true });
    const outside = lazymod(["--since", "main", "--changed-lines"], p.dir);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/^lazymod: --since needs a git work tree/);
  });
});

describe("--changed-lines on a multi-package repository", () => {
  /**
   * The shop's `feature` branch adds a finding to the api package, edits a comment into the web
   * package's cart.ts (whose old findings stay as they were) and leaves an untracked file in it.
   */
  function feature() {
    const repo = monorepo();
    cleanups.push(repo.cleanup);
    const write = (file: string, text: string) => writeFileSync(path.join(repo.dir, file), text);
    git(["checkout", "-q", "-b", "feature"], repo.dir);
    write(
      "packages/api/src/routes/users.ts",
      `${repo.read("packages/api/src/routes/users.ts")}\nexport async function anyAdmin() {\n  return (await prisma.user.findMany({ where: { admin: true } })).length > 0;\n}\n`,
    );
    write(
      "packages/web/src/cart.ts",
      `// prices in cents\n${repo.read("packages/web/src/cart.ts")}`,
    );
    git(["commit", "-qam", "feature work"], repo.dir);
    write(
      "packages/web/src/new.ts",
      "const xs: number[] = [];\nexport const any = xs.filter((x) => x > 1).length > 0;\n",
    );
    return repo;
  }
  const gate = ["--since", "main", "--changed-lines", "--check"];
  const changesOf = (stdout: string) =>
    (
      JSON.parse(stdout) as {
        files: Array<{ path: string; changes: Array<{ line: number; transform: string }> }>;
      }
    ).files.flatMap((f) => f.changes.map((c) => `${f.path}:${c.line} ${c.transform}`));

  it("gates on the lines the branch changed, from the root and from inside a package", () => {
    const repo = feature();
    const root = lazymod([...gate, "--format", "json"], repo.dir);
    expect(root.code).toBe(1);
    expect(changesOf(root.stdout)).toEqual([
      "packages/api/src/routes/users.ts:17 prefer-orm-exists",
      "packages/web/src/new.ts:2 prefer-array-some",
    ]);
    // The old findings of the two files the branch touched: users.ts's two, cart.ts's three.
    expect(JSON.parse(root.stdout).summary.outsideDiff).toEqual({
      changes: 5,
      files: 2,
      warnings: 0,
    });
    const web = path.join(repo.dir, "packages/web");
    const inWeb = lazymod([...gate, "--format", "json"], web);
    expect(inWeb.code).toBe(1);
    expect(changesOf(inWeb.stdout)).toEqual(["src/new.ts:2 prefer-array-some"]);
    // Without the untracked file, the web package passes the gate; compact says what it left out.
    rmSync(path.join(web, "src/new.ts"));
    const compact = lazymod([...gate, "--format", "compact", "--no-types"], web);
    expect([compact.code, compact.stdout]).toEqual([0, ""]);
    const text = lazymod(gate, web);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^Outside the diff: 3 changes in 1 file on lines this branch did not change/m,
    );
    const api = lazymod([...gate, "--format", "compact"], path.join(repo.dir, "packages/api"));
    expect(api.code).toBe(1);
    expect(api.stdout.split("\n").slice(-2)).toEqual(["1 change, 2 changes outside the diff", ""]);
  });

  it("with --cache, a warm gate says what a cold one says", () => {
    const repo = feature();
    const cold = lazymod([...gate, "--format", "json"], repo.dir);
    const cached = lazymod([...gate, "--format", "json", "--cache"], repo.dir);
    const warm = lazymod([...gate, "--format", "json", "--cache"], repo.dir);
    expect([cached.code, warm.code]).toEqual([1, 1]);
    expect(clocklessJson(cached.stdout)).toEqual(clocklessJson(cold.stdout));
    expect(clocklessJson(warm.stdout)).toEqual(clocklessJson(cold.stdout));
    expect(lazymod([...gate, "--cache"], repo.dir).stdout).toMatch(
      /^Cache: 3 of 3 files reused, 2 of 2 programs reused/m,
    );
    // A new line on the branch: the cache is no reason to miss it.
    writeFileSync(
      path.join(repo.dir, "packages/web/src/cart.ts"),
      `${repo.read("packages/web/src/cart.ts")}export const late = [1].filter((x) => x > 0).length > 0;\n`,
    );
    const later = lazymod([...gate, "--format", "json", "--cache"], repo.dir);
    expect(changesOf(later.stdout)).toContain("packages/web/src/cart.ts:17 prefer-array-some");
    // The same but for what the run cost: the web program, built alone now, shared no declaration
    // file with the api one (reused), as it did when both were built.
    const costless = (stdout: string) => {
      const data = clocklessJson(stdout);
      delete data.types?.sharedFiles;
      return data;
    };
    expect(costless(later.stdout)).toEqual(
      costless(lazymod([...gate, "--format", "json"], repo.dir).stdout),
    );
  });
});
