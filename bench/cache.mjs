// `npm run bench:cache`: lazymod with --cache on the benchmark corpus, cold (no cache file) and
// warm (the cache the cold run saved, nothing changed), on S and L, each run's JSON compared with
// the cold one's (they must be equal but for the clock). Options: --runs=N (each row's median of
// N pairs), --sets=S,L.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { materialise } from "./corpus.mjs";
import { measure } from "./measure.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const BENCH = import.meta.dirname;
const args = process.argv.slice(2);
const runs = Number(args.find((a) => a.startsWith("--runs="))?.slice(7) ?? 3);
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs=N needs a positive integer");
const sets = (args.find((a) => a.startsWith("--sets="))?.slice(7) ?? "S,L").split(",");

if (!fs.existsSync(path.join(BENCH, "node_modules", "effect", "package.json")))
  execFileSync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], {
    cwd: BENCH,
    stdio: "inherit",
  });
const cli = path.join(ROOT, "dist/src/cli.js");
if (!fs.existsSync(cli)) execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });

/** The JSON report without what depends on the clock. */
function comparable(stdout) {
  const report = JSON.parse(stdout);
  delete report.summary.elapsedMs;
  if (report.types) delete report.types.milliseconds;
  return JSON.stringify(report);
}

async function lazymod(dir, cacheFile) {
  const r = await measure(
    process.execPath,
    [cli, ".", "--format", "json", "--cache", "--cache-location", cacheFile],
    { cwd: dir },
  );
  if (r.code !== 0 && r.code !== 2) throw new Error(`lazymod failed: ${r.stderr}`);
  return r;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const fmt = (n, digits = 2) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

console.log(
  `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model}), Node ${process.version}, load average ${os.loadavg()[0].toFixed(2)}`,
);
const rows = [];
for (const set of sets) {
  const corpus = materialise(set);
  // Outside the corpus: the cache file is no file of it.
  const cacheFile = path.join(os.tmpdir(), `lazymod-bench-cache-${set}`);
  const cold = [];
  const warm = [];
  for (let i = 1; i <= runs; i++) {
    fs.rmSync(cacheFile, { force: true });
    process.stderr.write(`  ${set} run ${i}/${runs}: cold…\n`);
    const c = await lazymod(corpus.dir, cacheFile);
    process.stderr.write(`  ${set} run ${i}/${runs}: warm…\n`);
    const w = await lazymod(corpus.dir, cacheFile);
    if (comparable(w.stdout) !== comparable(c.stdout))
      throw new Error(`${set}: the warm run's JSON differs from the cold run's`);
    cold.push(c);
    warm.push(w);
  }
  const cacheBytes = fs.statSync(cacheFile).size;
  const row = (label, all) => ({
    set,
    label,
    files: corpus.files,
    lines: corpus.lines,
    wallMs: median(all.map((r) => r.wallMs)),
    cpuMs: median(all.map((r) => r.cpuMs)),
    peakRssMiB: median(all.map((r) => r.peakRssMiB)),
    all: all.map((r) => fmt(r.wallMs / 1000)).join(" / "),
  });
  rows.push(row("cold (no cache file)", cold), row("warm (nothing changed)", warm));
  rows.at(-1).cacheMiB = cacheBytes / 1048576;
}

console.log(
  `\nlazymod . --format json --cache, each row the median of ${runs} run${runs === 1 ? "" : "s"} (cold and warm in turn; every warm JSON equal to its cold one):\n`,
);
console.log(
  "| set | files | lines | run | wall s | CPU s | peak RSS MiB | cache file MiB | the runs (wall), s |",
);
console.log("|---|---|---|---|---|---|---|---|---|");
for (const r of rows)
  console.log(
    `| ${r.set} | ${r.files.toLocaleString("en-US")} | ${r.lines.toLocaleString("en-US")} | ${r.label} | ${fmt(r.wallMs / 1000)} | ${fmt(r.cpuMs / 1000)} | ${Math.round(r.peakRssMiB)} | ${r.cacheMiB === undefined ? "" : fmt(r.cacheMiB, 1)} | ${r.all} |`,
  );
console.log("");
// CPU time too: on a shared machine, wall time also counts the waits for a core.
for (const set of sets) {
  const [cold, warm] = rows.filter((r) => r.set === set);
  const ratio = cold.wallMs / warm.wallMs;
  const cpuRatio = cold.cpuMs / warm.cpuMs;
  console.log(
    `${ratio >= 10 ? "met   " : "MISSED"}  ${set}: warm ${fmt(ratio, 1)}× faster than cold in wall time, ${fmt(cpuRatio, 1)}× in CPU time (target ≥ 10×)`,
  );
}
