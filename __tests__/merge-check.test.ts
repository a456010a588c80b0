import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkReportsBelongTogether } from "../src/runner/merge-check.js";
import { UsageError } from "../src/core/errors.js";
import type { RunRecord } from "../src/core/result.js";
import { lazymod, tempProject } from "./helpers/cli.js";
import { git, initRepository } from "./helpers/review.js";

const EAGER = (i: number) =>
  `const xs${i}: number[] = [${i}];\nexport const a${i} = xs${i}.filter((x) => x > ${i}).length > 0;\n`;

interface Report {
  run: RunRecord;
  files: Array<{ path: string }>;
  summary: { filesScanned: number; filesUnparsed: number; changes: number };
}

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

/** A project of twelve files with an eager pattern each (so every shard of three has some). */
function project(extra: Record<string, string> = {}) {
  const files: Record<string, string> = { ...extra };
  for (let i = 0; i < 12; i++) files[`src/file${i}.ts`] = EAGER(i);
  const p = tempProject(files);
  cleanups.push(p.cleanup);
  return p;
}

/** Runs lazymod with --format json, saves the report as `name` in `dir`, and returns it. */
function report(dir: string, name: string, args: string[]): Report {
  const result = lazymod([...args, "--format", "json"], dir);
  expect(result.code, result.stderr).toBe(0);
  writeFileSync(path.join(dir, name), result.stdout);
  return JSON.parse(result.stdout) as Report;
}

function shards(dir: string, count: number, args: string[] = ["src"]): string[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `shard${i + 1}.json`;
    report(dir, name, [...args, "--shard", `${i + 1}/${count}`]);
    return name;
  });
}

function merge(dir: string, files: string[], args: string[] = []) {
  return lazymod(["merge", ...files, ...args], dir);
}

/** What merge says (its first line) when it refuses, with exit 2. */
function refusal(dir: string, files: string[]): string {
  const result = merge(dir, files);
  expect(result.code, result.stdout).toBe(2);
  expect(result.stdout).toBe("");
  return result.stderr.split("\n")[0]!;
}

describe("each JSON report records its run", () => {
  it("tool, root and commit, paths, shard, options and transform set", () => {
    const p = project({ "lazymod.config.json": '{ "maxRisk": "medium" }' });
    initRepository(p.dir);
    const { run } = report(p.dir, "r.json", [
      "src",
      "--shard",
      "2/3",
      "--transforms",
      "prefer-array-some",
      "--target",
      "es2023",
    ]);
    expect(run).toEqual({
      tool: { name: "lazymod", version: expect.stringMatching(/^\d+\.\d+\.\d+/) },
      root: { kind: "git", directory: ".", commit: expect.stringMatching(/^[0-9a-f]{40}$/) },
      paths: ["src"],
      shard: { index: 2, count: 3 },
      options: {
        maxRisk: 59,
        target: "es2023",
        write: false,
        transforms: ["prefer-array-some"],
        config: {
          file: "lazymod.config.json",
          digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
        },
      },
      transforms: ["prefer-array-some"],
    });
    // Outside a work tree, the root is the directory itself.
    const plain = project();
    expect(report(plain.dir, "r.json", ["src"]).run.root).toEqual({
      kind: "directory",
      path: plain.dir,
    });
  });
});

describe("lazymod merge", () => {
  it("merges every shard of one run, in any order, into the whole run", () => {
    const p = project();
    const whole = report(p.dir, "whole.json", ["src"]);
    const names = shards(p.dir, 3);
    const result = merge(p.dir, [names[2]!, names[0]!, names[1]!], ["--format", "json"]);
    expect(result.code, result.stderr).toBe(0);
    const merged = JSON.parse(result.stdout) as Report;
    expect(merged.run).toEqual(whole.run);
    expect(merged.files.map((f) => f.path)).toEqual(whole.files.map((f) => f.path));
    expect(merged.summary.changes).toBe(12);
  });

  it("refuses two shards of three, naming the one missing", () => {
    const p = project();
    const [first, , third] = shards(p.dir, 3);
    expect(refusal(p.dir, [first!, third!])).toBe(
      "lazymod: shard 2/3 is missing: merge needs every shard of the run (1/3 is shard1.json, 3/3 is shard3.json)",
    );
  });

  it("refuses a shard given twice", () => {
    const p = project();
    const names = shards(p.dir, 2);
    writeFileSync(path.join(p.dir, "again.json"), readFileSync(path.join(p.dir, names[0]!)));
    expect(refusal(p.dir, [...names, "again.json"])).toBe(
      "lazymod: shard 1/2 is given twice: shard1.json and again.json",
    );
  });

  it("refuses a shard of one project merged with a shard of another", () => {
    const one = project();
    const other = project();
    report(one.dir, "mine.json", ["src", "--shard", "1/2"]);
    report(other.dir, "theirs.json", ["src", "--shard", "2/2"]);
    writeFileSync(
      path.join(one.dir, "theirs.json"),
      readFileSync(path.join(other.dir, "theirs.json")),
    );
    expect(refusal(one.dir, ["mine.json", "theirs.json"])).toBe(
      `lazymod: theirs.json is not from the same run as mine.json: made in directory ${other.dir}, not directory ${one.dir}`,
    );
  });

  it("refuses shards of two commits of one repository, and accepts two clones of one commit", () => {
    const p = project();
    initRepository(p.dir);
    report(p.dir, "before.json", ["src", "--shard", "1/2"]);
    writeFileSync(path.join(p.dir, "src/file0.ts"), `${EAGER(0)}// changed\n`);
    initRepository(p.dir); // a second commit
    report(p.dir, "after.json", ["src", "--shard", "2/2"]);
    // A clone of the same commit, elsewhere, makes the other shard of the same run.
    const clone = tempProject({});
    cleanups.push(clone.cleanup);
    git(["clone", "-q", p.dir, clone.dir], p.dir);
    report(clone.dir, "clone.json", ["src", "--shard", "1/2"]);
    writeFileSync(path.join(p.dir, "clone.json"), clone.read("clone.json"));
    expect(merge(p.dir, ["clone.json", "after.json"]).code).toBe(0);
    expect(refusal(p.dir, ["before.json", "after.json"])).toMatch(
      /^lazymod: after\.json is not from the same run as before\.json: made in the root of a git work tree at commit [0-9a-f]{12}, not the root of a git work tree at commit [0-9a-f]{12}$/,
    );
  });

  it("refuses a whole run among shards, and a shard of another count", () => {
    const p = project();
    report(p.dir, "whole.json", ["src"]);
    report(p.dir, "half.json", ["src", "--shard", "1/2"]);
    report(p.dir, "third.json", ["src", "--shard", "2/3"]);
    expect(refusal(p.dir, ["whole.json", "half.json"])).toBe(
      "lazymod: whole.json is a whole run and half.json shard 1/2: merge the shards of one run",
    );
    expect(refusal(p.dir, ["half.json", "third.json"])).toBe(
      "lazymod: third.json is shard 2/3 and half.json shard 1/2: the shards of one run have the same n",
    );
  });

  it("refuses shards run with other options, naming the report and the option", () => {
    const p = project();
    report(p.dir, "low.json", ["src", "--shard", "1/2"]);
    report(p.dir, "medium.json", ["src", "--shard", "2/2", "--max-risk", "medium"]);
    report(p.dir, "some.json", ["src", "--shard", "2/2", "--transforms", "prefer-array-some"]);
    expect(refusal(p.dir, ["low.json", "medium.json"])).toBe(
      "lazymod: medium.json is not from the same run as low.json: --max-risk 59, not 24",
    );
    expect(refusal(p.dir, ["low.json", "some.json"])).toBe(
      "lazymod: some.json is not from the same run as low.json: --transforms prefer-array-some, not all",
    );
  });

  it("refuses a report without a record of its run (made before reports kept one)", () => {
    const p = project();
    const [first, second] = shards(p.dir, 2);
    const old = JSON.parse(readFileSync(path.join(p.dir, second!), "utf8")) as Partial<Report>;
    delete old.run;
    writeFileSync(path.join(p.dir, "old.json"), JSON.stringify(old));
    expect(refusal(p.dir, [first!, "old.json"])).toBe(
      "lazymod: old.json has no record of its run (made by a lazymod that did not keep one), so merge cannot check that it belongs with the others; make it again with this version",
    );
  });

  it("refuses the partial report of a stopped shard", () => {
    const p = project();
    const [first, second] = shards(p.dir, 2);
    const stopped = JSON.parse(readFileSync(path.join(p.dir, second!), "utf8")) as Report;
    // What a shard stopped by Ctrl-C reports (see __tests__/interrupt.test.ts for the real one).
    const partial = {
      ...stopped,
      interrupted: { filesProcessed: 1, filesWritten: 0, notProcessed: ["src/file3.ts"] },
    };
    writeFileSync(path.join(p.dir, "stopped.json"), JSON.stringify(partial));
    expect(refusal(p.dir, [first!, "stopped.json"])).toBe(
      "lazymod: stopped.json is the partial report of a run that was stopped (Ctrl-C or SIGTERM); run that shard again to the end",
    );
    expect(merge(p.dir, [first!, second!]).code).toBe(0);
  });

  it("a file not parsed in a shard fails the merge only with --fail-on-parse-error", () => {
    const p = project({ "src/broken.ts": "export const = [1].filter(f).length > 0;\n" });
    const names = shards(p.dir, 2);
    const merged = merge(p.dir, names, ["--format", "json"]);
    expect(merged.code, merged.stderr).toBe(0);
    expect((JSON.parse(merged.stdout) as Report).summary.filesUnparsed).toBe(1);
    expect(merge(p.dir, names, ["--fail-on-parse-error"]).code).toBe(2);
  });
});

describe("checkReportsBelongTogether", () => {
  const base: RunRecord = {
    tool: { name: "lazymod", version: "1.0.0" },
    root: { kind: "git", directory: "packages/api", commit: "a".repeat(40) },
    paths: ["src"],
    shard: { index: 1, count: 2 },
    options: { maxRisk: 24, target: "es2022", write: false },
    transforms: ["prefer-array-some", "prefer-has"],
  };
  const second = (edit: (r: RunRecord) => void): RunRecord => {
    const record = structuredClone(base);
    record.shard = { index: 2, count: 2 };
    edit(record);
    return record;
  };
  const messageOf = (records: RunRecord[]) => {
    try {
      checkReportsBelongTogether(
        records.map((run) => ({ run })),
        records.map((_, i) => `r${i + 1}.json`),
      );
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
    return undefined;
  };

  it("accepts the shards of one run", () => {
    expect(messageOf([base, second(() => {})])).toBeUndefined();
  });

  it("names what differs: tool version, root, paths, each option, the transform set", () => {
    const cases: Array<[(r: RunRecord) => void, string]> = [
      [(r) => (r.tool.version = "1.1.0"), "tool version lazymod 1.1.0, not lazymod 1.0.0"],
      [
        (r) => (r.root = { kind: "git", directory: "packages/web", commit: "a".repeat(40) }),
        "made in `packages/web` of a git work tree at commit aaaaaaaaaaaa, not `packages/api` of a git work tree at commit aaaaaaaaaaaa",
      ],
      [(r) => (r.paths = ["src", "test"]), "paths src test, not src"],
      [(r) => (r.options.target = "es2023"), "--target es2023, not es2022"],
      [(r) => (r.options.write = true), "mode --write, not dry run"],
      [(r) => (r.options.since = "origin/main"), "--since origin/main, not none"],
      [
        (r) =>
          (r.options.config = { file: "lazymod.config.json", digest: `sha256:${"b".repeat(64)}` }),
        "configuration lazymod.config.json (sha256:bbbbbbbbbbbb…), not none",
      ],
      [
        (r) => r.transforms.pop(),
        "transform set prefer-array-some, not prefer-array-some,prefer-has",
      ],
    ];
    for (const [edit, expected] of cases)
      expect(messageOf([base, second(edit)])).toBe(
        `r2.json is not from the same run as r1.json: ${expected}`,
      );
  });

  it("names every missing shard", () => {
    const of = (index: number) => ({ ...structuredClone(base), shard: { index, count: 5 } });
    expect(messageOf([of(1), of(3), of(5)])).toBe(
      "shards 2/5, 4/5 are missing: merge needs every shard of the run (1/5 is r1.json, 3/5 is r2.json, 5/5 is r3.json)",
    );
  });
});
