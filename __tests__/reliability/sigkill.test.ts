import { spawn } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  watch,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { transformSource } from "../../src/core/engine.js";
import { transforms } from "../../transforms/index.js";
import { CLI, lazymod } from "../helpers/cli.js";
import { parsesAs, TEMPORARY_FILE, tempDir, type JsonReport } from "./helpers.js";

// `npm run bench:kill` runs this with more iterations.
const ITERATIONS = Number(process.env.LAZYMOD_KILL_ITERATIONS ?? 24);
const FILE_COUNT = Number(process.env.LAZYMOD_KILL_FILES ?? 200);
const SEED = Number(process.env.LAZYMOD_KILL_SEED ?? 6);

interface SourceFile {
  name: string;
  before: Buffer;
  after: Buffer;
  mode: number;
}

/** A deterministic generator (mulberry32), so the kill moments repeat from run to run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Files of about 1 KiB, each with low-risk changes; some CRLF, some with a BOM, various modes. */
function makeFiles(count: number): SourceFile[] {
  const files: SourceFile[] = [];
  for (let i = 0; i < count; i++) {
    const name = `f${String(i).padStart(4, "0")}.${i % 5 === 0 ? "js" : "ts"}`;
    const lines = [
      i % 5 === 0 ? "const items = [3, 1, 2];" : "const items: number[] = [3, 1, 2];",
      ...Array.from(
        { length: 40 },
        (_, j) => `export const padding${j} = ${i} * ${j}; // unchanged`,
      ),
      `export const hasLarge = items.filter((n) => n > ${i}).length > 0;`,
      `export const firstSmall = items.filter((n) => n < ${i})[0];`,
      `export const none = items.filter((n) => n === ${i}).length === 0;`,
    ];
    const eol = i % 3 === 0 ? "\r\n" : "\n";
    const text = (i % 7 === 0 ? "\uFEFF" : "") + lines.join(eol) + eol;
    const output = transformSource(text, { path: name, transforms }).output;
    files.push({
      name,
      before: Buffer.from(text, "utf8"),
      after: Buffer.from(output, "utf8"),
      mode: [0o644, 0o600, 0o755, 0o640][i % 4]!,
    });
  }
  return files;
}

function reset(dir: string, files: readonly SourceFile[]): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  for (const file of files) {
    writeFileSync(path.join(dir, file.name), file.before);
    chmodSync(path.join(dir, file.name), file.mode);
  }
}

interface Outcome {
  /** Milliseconds from the first write activity seen to the process's end. */
  writePhaseMs: number;
  killed: boolean;
}

/**
 * Starts `lazymod --write` and, once its first temporary file appears, kills it with SIGKILL
 * after `delay(writePhase)` milliseconds (never, when delay is undefined).
 */
async function runAndKill(cwd: string, watched: string, delay?: number): Promise<Outcome> {
  const child = spawn(process.execPath, [CLI, ".", "--write"], {
    cwd,
    stdio: "ignore",
    env: { ...process.env, CI: "1", NO_COLOR: "1" },
  });
  let firstWrite: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(watched, () => {
    if (firstWrite !== undefined) return;
    firstWrite = performance.now();
    if (delay !== undefined) timer = setTimeout(() => child.kill("SIGKILL"), delay);
  });
  const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
    child.on("exit", (_code, sig) => resolve(sig)),
  );
  clearTimeout(timer);
  watcher.close();
  return {
    writePhaseMs: firstWrite === undefined ? 0 : performance.now() - firstWrite,
    killed: signal === "SIGKILL",
  };
}

describe("a run killed with SIGKILL in the middle of --write", () => {
  it(`leaves every file fully old or fully new, parsing, with its mode (${ITERATIONS} kills over ${FILE_COUNT} files)`, async () => {
    const files = makeFiles(FILE_COUNT);
    for (const file of files) {
      expect(file.after.equals(file.before), file.name).toBe(false);
      expect(parsesAs(file.name, file.before.toString("utf8")), file.name).toBe(true);
      expect(parsesAs(file.name, file.after.toString("utf8")), file.name).toBe(true);
    }
    const root = tempDir("lazymod-kill-");
    const src = path.join(root, "src");

    // An uninterrupted run, to know how long writing takes and that "new" is what the CLI writes.
    reset(src, files);
    const reference = await runAndKill(root, src);
    expect(reference.killed).toBe(false);
    for (const file of files)
      expect(readFileSync(path.join(src, file.name)).equals(file.after), file.name).toBe(true);

    const next = random(SEED);
    const tally = { partial: 0, allOld: 0, allNew: 0, leftovers: 0 };
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      reset(src, files);
      // Squared: kills spread over the whole write phase, denser early on (where a run costs less).
      await runAndKill(root, src, next() ** 2 * reference.writePhaseMs);
      let old = 0;
      for (const file of files) {
        const bytes = readFileSync(path.join(src, file.name));
        const isOld = bytes.equals(file.before);
        if (!isOld && !bytes.equals(file.after))
          expect.fail(
            `${file.name} is neither the old nor the new content after kill ${iteration}`,
          );
        if (isOld) old++;
        expect(statSync(path.join(src, file.name)).mode & 0o7777, file.name).toBe(file.mode);
      }
      // The only other thing a kill may leave is a temporary file, never a source file.
      const names = new Set(files.map((f) => f.name));
      const extra = readdirSync(src).filter((name) => !names.has(name));
      for (const name of extra) expect(name).toMatch(TEMPORARY_FILE);
      tally.leftovers += extra.length;
      if (old === 0) tally.allNew++;
      else if (old === files.length) tally.allOld++;
      else tally.partial++;
    }
    console.log(`SIGKILL iterations: ${JSON.stringify(tally)}`);
    // Not vacuous: some kills did land while files were being written.
    expect(tally.partial).toBeGreaterThan(0);

    // What an interrupted run leaves, a plain rerun finishes; a third run finds nothing.
    const rerun = lazymod([".", "--write", "--format", "json"], root);
    expect(rerun.code).toBe(0);
    for (const file of files)
      expect(readFileSync(path.join(src, file.name)).equals(file.after), file.name).toBe(true);
    const third = JSON.parse(lazymod([".", "--format", "json"], root).stdout) as JsonReport;
    expect(third.files).toEqual([]);
  }, 300_000);
});
