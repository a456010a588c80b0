import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isInShard, parseShard } from "../src/runner/shard.js";
import { CLI, lazymod, tempProject } from "./helpers/cli.js";

const EAGER = (i: number) =>
  `const xs${i}: number[] = [${i}];\nexport const a${i} = xs${i}.filter((x) => x > ${i}).length > 0;\n`;
const QUIET = (i: number) => `export const value${i} = ${i};\n`;

interface Report {
  files: Array<{ path: string; changes: unknown[] }>;
  summary: Record<string, unknown> & {
    filesScanned: number;
    filesParsed: number;
    filesPrefiltered: number;
  };
}

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

/** A project of `count` files, every third one with an eager pattern. */
function corpus(count: number) {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++)
    files[`src/dir${i % 7}/file${i}.ts`] = i % 3 === 0 ? EAGER(i) : QUIET(i);
  const p = tempProject(files);
  cleanups.push(p.cleanup);
  return p;
}

function json(args: string[], cwd: string): Report {
  const result = lazymod([...args, "--format", "json"], cwd);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

function withoutTiming(report: Report) {
  const { elapsedMs: _elapsed, jobs: _jobs, ...summary } = report.summary;
  return { files: report.files, summary };
}

describe("scale", () => {
  // The first 200 files to parse are parsed in the main thread; workers start only with at least 200
  // more each: 1,800 files, 600 to parse.
  it("worker threads give exactly the in-process result", () => {
    const p = corpus(1800);
    const inProcess = json([".", "--jobs", "1"], p.dir);
    const workers = json([".", "--jobs", "2"], p.dir);
    expect(inProcess.files).toHaveLength(600);
    expect([inProcess.summary.jobs, workers.summary.jobs]).toEqual([1, 2]);
    expect(withoutTiming(workers)).toEqual(withoutTiming(inProcess));
  });

  it("starts no more workers than there is parsing to pay for them", () => {
    const p = corpus(900);
    expect(json([".", "--jobs", "2"], p.dir).summary.jobs).toBe(1);
    expect(json([".", "--jobs", "8"], p.dir).summary.jobs).toBe(1);
  });

  it("--write through workers writes every low-risk change", () => {
    const p = corpus(1800);
    const result = lazymod([".", "--write", "--jobs", "2", "--format", "json"], p.dir);
    expect(result.code).toBe(0);
    const summary = (JSON.parse(result.stdout) as Report).summary;
    expect([summary.jobs, summary.written]).toEqual([2, 600]);
    expect(p.read("src/dir0/file0.ts")).toContain("xs0.some((x) => x > 0)");
    expect(p.read("src/dir5/file1797.ts")).toContain("xs1797.some((x) => x > 1797)");
  });

  it("the prefilter rules out files without triggers, and the summary counts them", () => {
    const p = corpus(30);
    const report = json(["."], p.dir);
    expect(report.summary.filesScanned).toBe(30);
    expect(report.summary.filesParsed).toBe(10);
    expect(report.summary.filesPrefiltered).toBe(20);
  });

  it("--shard k/n partitions the files; merging the shards' reports gives the whole run", () => {
    const p = corpus(90);
    const whole = json(["."], p.dir);
    const shards = [1, 2, 3].map((k) => json([".", "--shard", `${k}/3`], p.dir));
    const paths = shards.flatMap((s) => s.files.map((f) => f.path));
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths.sort()).toEqual(whole.files.map((f) => f.path).sort());
    expect(shards.reduce((n, s) => n + s.summary.filesScanned, 0)).toBe(90);
    shards.forEach((s, i) =>
      writeFileSync(path.join(p.dir, `shard${i + 1}.json`), JSON.stringify(s)),
    );

    const merged = lazymod(
      ["merge", "shard1.json", "shard2.json", "shard3.json", "--format", "json"],
      p.dir,
    );
    expect(merged.code, merged.stderr).toBe(0);
    expect(withoutTiming(JSON.parse(merged.stdout) as Report)).toEqual(withoutTiming(whole));
    // The merged report records the run the shards made together: the whole run's record.
    expect((JSON.parse(merged.stdout) as { run: unknown }).run).toEqual(
      (whole as unknown as { run: unknown }).run,
    );

    const text = lazymod(["merge", "shard1.json", "shard2.json", "shard3.json"], p.dir);
    expect(text.stdout).toMatch(/Files: 90 scanned/);
    expect(
      lazymod(["merge", "shard1.json", "shard2.json", "shard3.json", "--check"], p.dir).code,
    ).toBe(1);
  });

  it("merge refuses overlapping shards, foreign files and bad arguments with exit 2", () => {
    const p = corpus(9);
    const all = json(["."], p.dir) as Report & { run: Record<string, unknown> };
    writeFileSync(path.join(p.dir, "all.json"), JSON.stringify(all));
    writeFileSync(path.join(p.dir, "other.json"), '{"hello": 1}');
    // Two "shards" that list the same files (made otherwise than by --shard) overlap.
    for (const index of [1, 2])
      writeFileSync(
        path.join(p.dir, `half${index}.json`),
        JSON.stringify({ ...all, run: { ...all.run, shard: { index, count: 2 } } }),
      );
    expect(lazymod(["merge", "half1.json", "half2.json"], p.dir).stderr).toMatch(
      /in both half1\.json and half2\.json: did the shards overlap\?/,
    );
    expect(lazymod(["merge", "all.json", "all.json"], p.dir).stderr).toMatch(
      /all\.json and all\.json are both whole runs/,
    );
    expect(lazymod(["merge", "other.json"], p.dir).stderr).toMatch(/not a lazymod JSON report/);
    expect(lazymod(["merge", "missing.json"], p.dir).code).toBe(2);
    expect(lazymod(["merge"], p.dir).code).toBe(2);
    const help = lazymod(["merge", "--help"], p.dir);
    expect([help.code, help.stdout]).toEqual([
      0,
      expect.stringMatching(/^lazymod \S+ merge: .*--check.*--fail-on-parse-error/s),
    ]);
    expect(lazymod([".", "--shard", "4/3"], p.dir).code).toBe(2);
    expect(lazymod([".", "--jobs", "0"], p.dir).code).toBe(2);
  });

  it("shards are stable and balanced", () => {
    expect(parseShard("2/5")).toEqual({ index: 2, count: 5 });
    expect(parseShard("0/5")).toBeUndefined();
    expect(parseShard("a/b")).toBeUndefined();
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      const owners = [1, 2, 3, 4].filter((k) =>
        isInShard(`src/file${i}.ts`, { index: k, count: 4 }),
      );
      expect(owners).toHaveLength(1);
      counts[owners[0]! - 1]!++;
    }
    for (const count of counts) expect(count).toBeGreaterThan(850);
    expect(isInShard("src/a.ts", { index: 1, count: 2 })).toBe(
      isInShard("src/a.ts", { index: 1, count: 2 }),
    );
  });

  it("inside a git work tree, discovery follows git: ignored and deleted files out, untracked files in", () => {
    const p = tempProject({
      ".gitignore": "ignored/\n",
      "tracked.ts": EAGER(1),
      "deleted.ts": EAGER(2),
      "ignored/a.ts": EAGER(3),
      "vendor/node_modules/dep/x.ts": EAGER(4),
    });
    cleanups.push(p.cleanup);
    const git = (...args: string[]) => execFileSync("git", args, { cwd: p.dir, stdio: "pipe" });
    git("init", "-q");
    git("add", "-A");
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "init");
    rmSync(path.join(p.dir, "deleted.ts"));
    writeFileSync(path.join(p.dir, "untracked.ts"), EAGER(5));
    const report = json(["."], p.dir);
    expect(report.files.map((f) => f.path)).toEqual(["tracked.ts", "untracked.ts"]);
    expect(report.summary.skippedByReason).toEqual({ "node_modules/ directory": 1 });
    expect(report.summary.filesScanned).toBe(2);
    const ignoredDir = json(["ignored"], p.dir);
    expect(ignoredDir.summary.skippedByReason).toEqual({ "directory ignored by .gitignore": 1 });
  });
});

describe("progress", () => {
  /** Runs the CLI in a pseudo-terminal (util-linux `script`): stderr is the terminal, stdout a file. */
  function inTerminal(columns: number, cwd: string, env = "env -u CI") {
    const out = path.join(cwd, "stdout.txt");
    const command = `stty cols ${columns} rows 30; ${env} ${process.execPath} ${CLI} src --jobs 1 > ${out}; echo EXIT=$?`;
    const terminal = execFileSync("script", ["-qec", command, "/dev/null"], {
      cwd,
      input: "",
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, NO_COLOR: "1" },
    });
    return { terminal, stdout: readFileSync(out, "utf8") };
  }

  it("shows on a terminal (stderr), never in the report on stdout", () => {
    const p = corpus(40);
    const { terminal, stdout } = inTerminal(120, p.dir);
    expect(terminal).toContain("EXIT=0");
    expect(terminal).toMatch(/Discovering files|\d+\/40 files/);
    expect(stdout).toMatch(/Files: 40 scanned/);
    expect(stdout).not.toMatch(/Discovering|files\/s/);
  });

  it("stays off on a terminal that reports 0 columns, and in CI", () => {
    const p = corpus(10);
    const zero = inTerminal(0, p.dir);
    expect(zero.terminal).toContain("EXIT=0");
    expect(zero.terminal).not.toMatch(/Discovering files/);
    const ci = inTerminal(120, p.dir, "CI=1");
    expect(ci.terminal).not.toMatch(/Discovering files/);
  });

  it("prints nothing on stderr when stderr is not a terminal", () => {
    const p = corpus(10);
    const result = lazymod(["src"], p.dir, { CI: "" });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
  });
});

describe("prefilter and configuration", () => {
  it("a configured ORM receiver is a trigger: the file is parsed although no static trigger occurs", () => {
    const source = [
      "export class Orgs {",
      "  async anyActive() {",
      "    const rows = await this.orgs.find({ active: true });",
      "    return rows.length > 0;",
      "  }",
      "}",
      "",
    ].join("\n");
    const p = tempProject({ "src/orgs.ts": source });
    cleanups.push(p.cleanup);
    const without = json(["src", "--no-config"], p.dir);
    expect(without.summary.filesParsed).toBe(0);
    writeFileSync(
      path.join(p.dir, "lazymod.config.json"),
      JSON.stringify({ orm: { receivers: { "this.orgs": "mongoose" } } }),
    );
    const configured = json(["src", "--max-risk", "high"], p.dir);
    expect(configured.summary.filesParsed).toBe(1);
    expect(configured.files.map((f) => f.path)).toEqual(["src/orgs.ts"]);
  });
});
