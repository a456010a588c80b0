#!/usr/bin/env node
// Peak memory of one lazymod run over a generated tree of many small files (default 200,000).
//
//   npm run bench:memory                       # build, generate (once), run, print the figures
//   node bench/memory.mjs --files 50000 --git  # fewer files; make the tree a git repository
//   node bench/memory.mjs --write -- --jobs 2  # also write; pass the rest to lazymod
//
// The tree is generated under the OS temporary directory and kept for the next run (--fresh
// makes it anew). Nine files in ten contain no trigger; one in ten has a low-risk change.
// Peak RSS is the process's own high-water mark (getrusage maxrss, worker threads included),
// recorded by a preload at exit. Exits 1 when the run fails or the peak is over the budget.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const BUDGET_MIB = 1024;
const FILES_PER_DIRECTORY = 1000;

const { values, positionals } = parseArgs({
  options: {
    files: { type: "string", default: "200000" },
    fresh: { type: "boolean", default: false },
    git: { type: "boolean", default: false },
    write: { type: "boolean", default: false },
  },
  allowPositionals: true,
});
const count = Number(values.files);
const root = path.resolve(import.meta.dirname, "..");
const cli = path.join(root, "dist/src/cli.js");
if (!existsSync(cli)) throw new Error("build first: npm run build");

const tree = path.join(tmpdir(), `lazymod-bench-${count}${values.git ? "-git" : ""}`);
const complete = path.join(tree, ".complete");

function generate() {
  rmSync(tree, { recursive: true, force: true });
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const dir = path.join(tree, `pkg${Math.floor(i / FILES_PER_DIRECTORY)}`);
    if (i % FILES_PER_DIRECTORY === 0) mkdirSync(dir, { recursive: true });
    const body =
      i % 10 === 0
        ? `const items: number[] = [${i}, 2, 3];\nexport const any${i} = items.filter((n) => n > 2).length > 0;\n`
        : `export const value${i} = ${i};\nexport function twice${i}(n: number): number {\n  return n * 2;\n}\n`;
    writeFileSync(path.join(dir, `file${i}.ts`), body);
  }
  if (values.git) {
    const git = (...args) => {
      const result = spawnSync("git", ["-C", tree, ...args], { stdio: "inherit" });
      if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed`);
    };
    git("init", "-q");
    git("add", "-A");
    git("-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "commit", "-qm", "tree");
  }
  writeFileSync(complete, "");
  return (performance.now() - started) / 1000;
}

const generatedIn = values.fresh || !existsSync(complete) ? generate() : undefined;

// Records the peak RSS at exit (getrusage maxrss is in KiB on Linux).
const rssFile = path.join(tmpdir(), `lazymod-bench-rss-${process.pid}`);
const preload = path.join(tmpdir(), `lazymod-bench-preload-${process.pid}.mjs`);
writeFileSync(
  preload,
  `import { writeFileSync } from "node:fs";\n` +
    `process.on("exit", () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`,
);

const args = [".", "--format", "json", ...(values.write ? ["--write"] : []), ...positionals];
const started = performance.now();
const run = spawnSync(process.execPath, ["--import", preload, cli, ...args], {
  cwd: tree,
  encoding: "utf8",
  maxBuffer: 1 << 30,
  env: { ...process.env, CI: "1", NO_COLOR: "1" },
});
const seconds = (performance.now() - started) / 1000;
const peakMiB = existsSync(rssFile)
  ? Number((await import("node:fs")).readFileSync(rssFile, "utf8")) / 1024
  : NaN;
rmSync(rssFile, { force: true });
rmSync(preload, { force: true });

let summary = {};
try {
  summary = JSON.parse(run.stdout).summary;
} catch {
  process.stderr.write(run.stderr.slice(0, 2000));
}
const within = peakMiB < BUDGET_MIB;
const figures = {
  files: count,
  tree,
  git: values.git,
  generatedInSeconds: generatedIn === undefined ? "reused" : Number(generatedIn.toFixed(1)),
  lazymodArgs: args.join(" "),
  exitCode: run.status,
  seconds: Number(seconds.toFixed(1)),
  filesPerSecond: Math.round(count / seconds),
  peakRssMiB: Math.round(peakMiB),
  budgetMiB: BUDGET_MIB,
  withinBudget: within,
  filesScanned: summary.filesScanned,
  filesParsed: summary.filesParsed,
  changes: summary.changes,
  jobs: summary.jobs ?? "n/a",
  reportBytes: run.stdout.length,
};
for (const [key, value] of Object.entries(figures)) console.log(`${key.padEnd(20)} ${value}`);
process.exitCode = run.status === 0 && within ? 0 : 1;
