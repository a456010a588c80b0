import { Ajv } from "ajv";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { transformSource } from "../src/core/engine.js";
import { applyPlan } from "../src/plan/apply.js";
import { githubReport } from "../src/reporters/github.js";
import { markdownReport } from "../src/reporters/markdown.js";
import { parsePlan } from "../src/plan/read.js";
import { run } from "../src/runner/run.js";
import { transforms } from "../transforms/index.js";
import { CLI, lazymod, ROOT, tempProject } from "./helpers/cli.js";
import { filesDone, lazymodInTerminal, type TerminalRun } from "./helpers/terminal.js";
import { parsesAs, TEMPORARY_FILE } from "./reliability/helpers.js";

/** A file `--write` rewrites (the receiver is provably an array: low risk). */
const EAGER = (i: number) =>
  `const xs${i}: number[] = [${i}, ${i + 1}];\nexport const any${i} = xs${i}.filter((x) => x > ${i}).length > 0;\n`;
/** A file the prefilter rules out. */
const QUIET = (i: number) => `export const value${i} = ${i};\n`;

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

interface Corpus {
  dir: string;
  /** Relative path → content before the run. */
  before: Map<string, string>;
}

/**
 * `count` files under src/ (in `dirs` directories), one in `quietEvery` left alone by the
 * prefilter (0: none), the rest rewritten by --write (thousands: an uninterrupted run lasts several
 * seconds here), and `extra`.
 */
function corpus(
  count: number,
  { quietEvery = 0, dirs = 10, extra = {} as Record<string, string> } = {},
): Corpus {
  const files: Record<string, string> = { ...extra };
  for (let i = 0; i < count; i++) {
    const quiet = quietEvery > 0 && i % quietEvery === 0;
    files[`src/dir${i % dirs}/file${String(i).padStart(5, "0")}.ts`] = quiet ? QUIET(i) : EAGER(i);
  }
  const project = tempProject(files);
  cleanups.push(project.cleanup);
  return { dir: project.dir, before: new Map(Object.entries(files)) };
}

interface DiskState {
  /** Files with their old content. */
  old: Set<string>;
  /** Files rewritten, each exactly as lazymod rewrites it (and parsing). */
  rewritten: Set<string>;
  /** Temporary files left anywhere in the project. */
  temporary: string[];
}

/** Reads every file back: each must be fully old or fully new (and parse). */
function diskState(corpus: Corpus): DiskState {
  const state: DiskState = { old: new Set(), rewritten: new Set(), temporary: [] };
  for (const [file, before] of corpus.before) {
    const now = readFileSync(path.join(corpus.dir, file), "utf8");
    if (now === before) {
      state.old.add(file);
      continue;
    }
    const after = transformSource(before, { path: file, transforms }).output;
    expect(now, `${file} is neither its old nor its new content`).toBe(after);
    expect(parsesAs(file, now), file).toBe(true);
    state.rewritten.add(file);
  }
  for (const entry of readdirSync(corpus.dir, { recursive: true, withFileTypes: true })) {
    if (TEMPORARY_FILE.test(entry.name)) state.temporary.push(entry.name);
  }
  return state;
}

/** The files named after a label in the text summary of a stopped run (run with --verbose). */
function namedFiles(report: string, label: string): string[] {
  const line = report.split("\n").find((l) => l.startsWith(`  ${label}: `));
  const match = line && /^ {2}[^:]+: (\d+) files?(?:: (.*))?$/.exec(line);
  if (!match) throw new Error(`no "${label}" line in:\n${report.slice(-2000)}`);
  const names = match[2] === undefined ? [] : match[2].split(", ");
  expect(names, "every file is named").toHaveLength(Number(match[1]));
  return names;
}

/** Starts lazymod in a terminal with its report going to a file, and waits for `files` done. */
async function startAndWait(
  corpusDir: string,
  args: readonly string[],
  files: number,
): Promise<{ terminal: TerminalRun; report: () => string }> {
  const stdoutFile = path.join(corpusDir, "report.txt");
  const terminal = lazymodInTerminal(args, { cwd: corpusDir, columns: 120, rows: 30, stdoutFile });
  await terminal.waitFor((screen) => filesDone(screen) >= files);
  return { terminal, report: () => readFileSync(stdoutFile, "utf8") };
}

const TOTAL = 4000;

describe("stopping a --write run on a terminal, with progress showing", () => {
  for (const [how, stop, code] of [
    ["Ctrl-C typed on the terminal", (t: TerminalRun) => t.type("\x03"), 130],
    ["kill -INT", (t: TerminalRun) => t.kill("INT"), 130],
    ["kill -TERM", (t: TerminalRun) => t.kill("TERM"), 143],
  ] as const) {
    it(`${how}: finishes the file in progress, says what was and was not written, exits ${code}`, async () => {
      const files = corpus(TOTAL);
      const { terminal, report } = await startAndWait(
        files.dir,
        ["src", "--write", "--jobs", "1", "--verbose"],
        300,
      );
      stop(terminal);
      expect(await terminal.exited).toEqual({ code, signal: 0 });

      const disk = diskState(files);
      expect(disk.temporary).toEqual([]);
      expect(disk.rewritten.size).toBeGreaterThan(0);
      expect(disk.old.size).toBeGreaterThan(0);
      // The terminal said it was stopping (above the spinner, on stderr).
      expect(terminal.screen()).toMatch(
        /lazymod: SIG(INT|TERM): stopping after the file in progress/,
      );
      // The report names exactly what was and was not written.
      const text = report();
      const stopped =
        /Interrupted: stopped after (\d+) of (\d+) files, so this report is partial\./.exec(text);
      const [processed, total] = [Number(stopped?.[1]), Number(stopped?.[2])];
      expect(total).toBe(TOTAL);
      const written = namedFiles(text, "Written, each file whole");
      const notProcessed = namedFiles(text, "Not processed, left as they were");
      expect(text).toContain(`Written, each file whole: ${disk.rewritten.size} files: `);
      expect(new Set(written)).toEqual(disk.rewritten);
      expect(new Set(notProcessed)).toEqual(disk.old);
      // Every file is eager: each one processed was written.
      expect(processed).toBe(disk.rewritten.size);
      expect(processed + notProcessed.length).toBe(TOTAL);
      expect(text).toMatch(/Run the same command again to do the rest/);
    }, 120_000);
  }

  it("a second Ctrl-C exits at once: no summary, every file whole, no temporary file", async () => {
    // After a first Ctrl-C the run finishes the files in progress, which takes a while only when
    // one is big. The first 200 files are done in the main thread, then the workers take the rest
    // in batches, in path order: the first worker starts with the big one.
    const eager = Array.from(
      { length: 8000 },
      (_, i) => `export const a${i} = xs.filter((x) => x > ${i}).length > 0;`,
    );
    const files = corpus(600, {
      dirs: 1,
      extra: { "src/dir0/file00200-big.ts": `const xs: number[] = [1, 2];\n${eager.join("\n")}\n` },
    });
    const { terminal, report } = await startAndWait(
      files.dir,
      ["src", "--write", "--jobs", "2"],
      230,
    );
    terminal.type("\x03");
    await terminal.waitFor(/lazymod: SIGINT: stopping after the file in progress/);
    terminal.type("\x03");
    expect(await terminal.exited).toEqual({ code: 130, signal: 0 });
    expect(terminal.screen()).toMatch(
      /lazymod: SIGINT again: exiting now; every file is either as it was or fully rewritten/,
    );
    // It did not wait to finish the files in progress and report: the summary never came.
    expect(report()).not.toMatch(/^Files: /m);
    const disk = diskState(files);
    expect(disk.temporary).toEqual([]);
    expect(disk.rewritten.size).toBeGreaterThan(0);
    expect(disk.old.size).toBeGreaterThan(0);
  }, 120_000);

  it("through worker threads (--jobs 2): stops handing out files, the workers finish theirs, the JSON says so", async () => {
    const files = corpus(TOTAL);
    // The first 200 files are parsed in the main thread; the workers take the rest.
    const { terminal, report } = await startAndWait(
      files.dir,
      ["src", "--write", "--jobs", "2", "--format", "json"],
      700,
    );
    terminal.kill("INT");
    expect(await terminal.exited).toEqual({ code: 130, signal: 0 });
    const json = JSON.parse(report()) as object & {
      files: Array<{ path: string; error?: string; changes: Array<{ status: string }> }>;
      summary: { jobs: number; filesScanned: number; written: number };
      interrupted: { filesProcessed: number; filesWritten: number; notProcessed: string[] };
    };
    expect(json.summary.jobs).toBe(2);
    const schema = JSON.parse(
      readFileSync(path.join(ROOT, "schema/report-v1.schema.json"), "utf8"),
    ) as object;
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    const disk = diskState(files);
    expect(disk.temporary).toEqual([]);
    expect(json.interrupted.filesProcessed).toBe(json.summary.filesScanned);
    expect(json.interrupted.filesProcessed + json.interrupted.notProcessed.length).toBe(TOTAL);
    expect(json.interrupted.notProcessed.length).toBeGreaterThan(0);
    expect(new Set(json.interrupted.notProcessed)).toEqual(disk.old);
    const written = json.files.filter(
      (f) => !f.error && f.changes.some((c) => c.status === "apply"),
    );
    expect(new Set(written.map((f) => f.path))).toEqual(disk.rewritten);
    expect(json.interrupted.filesWritten).toBe(disk.rewritten.size);
    expect(json.summary.written).toBe(disk.rewritten.size);
    expect(terminal.screen()).toMatch(/interrupted after \d+ of 4000 files: the report is partial/);
  }, 120_000);
});

describe("stopping a dry run on a terminal", () => {
  it("a Ctrl-C stops it promptly with 130, and the report says it is partial", async () => {
    const files = corpus(TOTAL, { quietEvery: 2 });
    const { terminal, report } = await startAndWait(files.dir, ["src", "--jobs", "1"], 300);
    terminal.type("\x03");
    expect(await terminal.exited).toEqual({ code: 130, signal: 0 });
    const text = report();
    const stopped =
      /Interrupted: stopped after (\d+) of 4000 files, so this report is partial\./.exec(text);
    expect(stopped).not.toBeNull();
    const notScanned = /Not scanned: (\d+) files/.exec(text);
    expect(Number(stopped![1]) + Number(notScanned![1])).toBe(TOTAL);
    expect(Number(notScanned![1])).toBeGreaterThan(0);
    expect(text).toMatch(/^Dry run: nothing written/m);
    expect(diskState(files).old.size).toBe(TOTAL);
  }, 120_000);
});

describe("run({ transforms, signal })", () => {
  it("stops between files: the result says so, with the files it did not process", async () => {
    const files = corpus(60, { quietEvery: 3 });
    const controller = new AbortController();
    const result = await run({
      transforms,
      cwd: files.dir,
      write: true,
      signal: controller.signal,
      onProgress: (_report, done) => {
        if (done === 25) controller.abort();
      },
    });
    const paths = [...files.before.keys()].sort();
    expect(result.interrupted?.filesProcessed).toBe(25);
    expect(result.interrupted?.notProcessed).toEqual(paths.slice(25));
    expect(result.summary.filesScanned).toBe(25);
    const disk = diskState(files);
    const eagerDone = paths.slice(0, 25).filter((f) => files.before.get(f)!.includes(".filter("));
    expect(disk.rewritten).toEqual(new Set(eagerDone));
    expect(result.interrupted?.filesWritten).toBe(eagerDone.length);
    expect(result.summary.written).toBe(eagerDone.length);
    // Every format says the report is partial.
    expect(markdownReport(result)).toContain("after 25 of 60 files: this report is partial");
    expect(githubReport(result)).toMatch(
      /^::warning title=lazymod%3A run stopped::.*after 25 of 60 files/m,
    );
    const full = await run({ transforms, cwd: files.dir });
    expect(markdownReport(full)).not.toContain("partial");
    expect(githubReport(full)).not.toContain("run stopped");
  });

  it("aborted before it starts, it processes nothing", async () => {
    const files = corpus(10);
    const result = await run({
      transforms,
      cwd: files.dir,
      write: true,
      signal: AbortSignal.abort(),
    });
    expect(result.interrupted).toEqual({
      filesProcessed: 0,
      filesWritten: 0,
      notProcessed: [...files.before.keys()].sort(),
    });
    expect(diskState(files).old.size).toBe(10);
  });

  it("an uninterrupted run has no `interrupted`", async () => {
    const files = corpus(5);
    const result = await run({ transforms, cwd: files.dir, signal: new AbortController().signal });
    expect(result.interrupted).toBeUndefined();
    expect(result.summary.filesScanned).toBe(5);
  });

  it("lets the event loop turn while it works, so signals and timers are not held up", async () => {
    const files = corpus(1500);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    try {
      await run({ transforms, cwd: files.dir });
    } finally {
      clearInterval(timer);
    }
    const elapsed = performance.now() - started;
    // The run must last long enough to tell the two apart (it takes 150-600 ms here): a timer held
    // up until its end ticks once, one let through every 25 ms of work about elapsed / 25 times.
    expect(elapsed).toBeGreaterThan(100);
    expect(ticks).toBeGreaterThanOrEqual(Math.max(2, elapsed / 50));
  });
});

describe("stopping lazymod apply", () => {
  /** A plan over the corpus, made with the CLI (so it has its digest and origin). */
  function planned(count: number): Corpus {
    const files = corpus(count);
    const made = lazymod(["src", "--plan", "plan.json", "--output", "report.txt"], files.dir);
    expect(made.code, made.stderr).toBe(0);
    return files;
  }

  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    it(`${signal}: finishes the file in progress, lists the files not started, exits ${code}`, async () => {
      const files = planned(3000);
      const child = spawn(process.execPath, [CLI, "apply", "plan.json"], { cwd: files.dir });
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
      // Wait until the apply is under way: some file rewritten on disk.
      const first = [...files.before.keys()].sort()[0]!;
      const deadline = Date.now() + 60_000;
      while (readFileSync(path.join(files.dir, first), "utf8") === files.before.get(first)) {
        if (Date.now() > deadline) throw new Error("apply did not start");
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      child.kill(signal);
      expect(await exited).toBe(code);

      const disk = diskState(files);
      expect(disk.temporary).toEqual([]);
      expect(disk.rewritten.size).toBeGreaterThan(0);
      expect(disk.old.size, "a signal early in the apply leaves files undone").toBeGreaterThan(0);
      const line = stdout.split("\n").find((l) => l.startsWith("Interrupted: "));
      expect(line, stdout.slice(-2000)).toBeDefined();
      const notStarted = line!
        .replace(/^[^:]+: [^:]+: /, "")
        .replace(/\.$/, "")
        .split(", ");
      expect(new Set(notStarted)).toEqual(disk.old);
      // Running it again applies the rest.
      expect(lazymod(["apply", "plan.json"], files.dir).code).toBe(0);
      expect(diskState(files).old.size).toBe(0);
    });
  }

  it("applyPlan({ signal }) already aborted starts no file", async () => {
    const files = planned(5);
    const plan = parsePlan(readFileSync(path.join(files.dir, "plan.json"), "utf8"), "plan.json");
    const result = await applyPlan(plan, { cwd: files.dir, signal: AbortSignal.abort() });
    expect(result.files).toEqual([]);
    expect(result.interrupted?.notStarted).toEqual([...files.before.keys()].sort());
    expect(diskState(files).old.size).toBe(5);
  });
});

describe("--help", () => {
  it("tells what Ctrl-C does and the exit codes 130 and 143", () => {
    const help = lazymod(["--help"], ROOT).stdout;
    expect(help).toMatch(/Ctrl-C \(or SIGTERM\) stops after the file in progress/);
    expect(help).toMatch(/130 stopped by Ctrl-C \(SIGINT\), 143 stopped by SIGTERM/);
  });
});
