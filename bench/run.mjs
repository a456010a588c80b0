// `npm run bench` (S: ~500k lines) / `npm run bench:large` (L: 2M+ lines, plus the 500k/1M/2M
// scaling points). Installs the pinned corpus on first use, then measures, on the same files and
// in one run: the floor, lazymod, jscodeshift's runner with lazymod's transforms, eslint with
// eslint-plugin-unicorn, and ast-grep with one rule. Prints a table with ratios.
// Options: --runs=N (each row's median of N runs), --only=<part of a row name,…>.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { measure } from "./measure.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const BENCH = import.meta.dirname;
const args = process.argv.slice(2);
const large = args.includes("--large");
const only = args
  .find((a) => a.startsWith("--only="))
  ?.slice(7)
  .split(",");
const setName = large ? "L" : "S";
// --runs=N: run each row N times (rows interleaved, so a slow spell on the machine hits them all)
// and report each row's median run. Timings on a shared 2-core machine move by ±20% run to run.
const runs = Number(args.find((a) => a.startsWith("--runs="))?.slice(7) ?? 1);
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs=N needs a positive integer");

function ensureInstalled() {
  if (fs.existsSync(path.join(BENCH, "node_modules", "effect", "package.json"))) return;
  console.error("Installing the pinned benchmark corpus and tools (bench/package-lock.json)…");
  // --ignore-scripts: the corpus is data; none of its install scripts may run.
  execFileSync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], {
    cwd: BENCH,
    stdio: "inherit",
  });
}

function ensureBuilt() {
  if (!fs.existsSync(path.join(ROOT, "dist/src/cli.js")))
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
}

function astGrepBinary() {
  const dir = path.join(BENCH, "node_modules/@ast-grep");
  const platform = fs
    .readdirSync(dir)
    .find((d) => d.startsWith(`cli-${process.platform}-${process.arch}`));
  if (!platform)
    throw new Error("no ast-grep binary for this platform in bench/node_modules/@ast-grep");
  return path.join(dir, platform, "ast-grep");
}

const lazymodCli = path.join(ROOT, "dist/src/cli.js");
const jscodeshiftBin = path.join(ROOT, "node_modules/jscodeshift/bin/jscodeshift.js");
const eslintBin = path.join(BENCH, "node_modules/eslint/bin/eslint.js");
const EXTENSIONS = "js,jsx,mjs,cjs,ts,tsx,mts,cts";

async function lazymod(dir, jobsArgs, env = {}) {
  const r = await measure(process.execPath, [lazymodCli, ".", "--format", "json", ...jobsArgs], {
    cwd: dir,
    env,
  });
  if (r.code !== 0 && r.code !== 2) throw new Error(`lazymod failed: ${r.stderr}`);
  const summary = JSON.parse(r.stdout).summary;
  return {
    ...r,
    changes: summary.changes,
    note: `${summary.filesParsed} files parsed, ${summary.filesFailed} failed, ${summary.jobs} thread(s)`,
  };
}

async function jscodeshiftAll(dir) {
  const { transforms } = await import(path.join(ROOT, "dist/transforms/index.js"));
  let wallMs = 0;
  let peakRssMiB = 0;
  let changedFiles = 0;
  let errors = 0;
  for (const transform of transforms) {
    // Run from the corpus directory, as a user would with the transform in node_modules: the
    // transform is then loaded as is, not recompiled by @babel/register.
    const r = await measure(
      process.execPath,
      [
        jscodeshiftBin,
        "--dry",
        "-t",
        path.join(ROOT, `dist/transforms/${transform.id}.js`),
        `--extensions=${EXTENSIONS}`,
        "--maxRisk=high",
        ".",
      ],
      { cwd: dir },
    );
    wallMs += r.wallMs;
    peakRssMiB = Math.max(peakRssMiB, r.peakRssMiB);
    changedFiles += Number(/(\d+) ok/.exec(r.stdout)?.[1] ?? 0);
    errors += Number(/(\d+) errors/.exec(r.stdout)?.[1] ?? 0);
  }
  return {
    wallMs,
    peakRssMiB,
    changes: `${changedFiles} files`,
    note: `${transforms.length} invocations, ${errors} file errors`,
  };
}

async function eslint(dir) {
  const r = await measure(
    process.execPath,
    [
      eslintBin,
      "-c",
      path.join(BENCH, "eslint.config.mjs"),
      "--no-inline-config",
      "--fix-dry-run",
      "--format",
      "json",
      ".",
    ],
    { cwd: dir },
  );
  const results = JSON.parse(r.stdout);
  const messages = results.flatMap((f) => f.messages);
  const found = messages.filter((m) => m.ruleId?.startsWith("unicorn/")).length;
  const fatal = messages.filter((m) => m.fatal).length;
  return { ...r, changes: found, note: `3 rules, ${fatal} files failed to parse` };
}

async function astGrep(dir) {
  const r = await measure(
    astGrepBinary(),
    ["scan", "-r", path.join(BENCH, "filter-length.yml"), "--json=stream", "."],
    { cwd: dir },
  );
  const found = r.stdout.split("\n").filter((l) => l.trim()).length;
  return { ...r, changes: found, note: "1 rule" };
}

async function floor(dir, mode) {
  const r = await measure(process.execPath, [path.join(BENCH, "floor.mjs"), mode, dir]);
  const out = JSON.parse(r.stdout);
  return {
    ...r,
    wallMs: out.ms,
    changes: "",
    note:
      mode === "read"
        ? ""
        : `${out.parsedFiles} files, ${out.parsedLines} lines parsed (time inside the process)`,
  };
}

const fmt = (n, digits = 0) =>
  typeof n === "number"
    ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : n;

function table(rows, corpus, reference) {
  const header = [
    "measurement",
    "wall s",
    "files/s",
    "lines/s",
    "peak RSS MiB",
    "found",
    "× lazymod",
    "notes",
  ];
  const lines = rows.map((r) => [
    r.name,
    fmt(r.wallMs / 1000, 2),
    fmt(corpus.files / (r.wallMs / 1000)),
    fmt(corpus.lines / (r.wallMs / 1000)),
    fmt(r.peakRssMiB),
    String(r.changes ?? ""),
    fmt(r.wallMs / reference.wallMs, 2),
    r.note ?? "",
  ]);
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...lines.map((l) => `| ${l.join(" | ")} |`),
  ].join("\n");
}

async function main() {
  ensureInstalled();
  ensureBuilt();
  const { materialise } = await import("./corpus.mjs");
  const corpus = materialise(setName);
  console.log(
    `Corpus ${setName}: ${fmt(corpus.files)} files, ${fmt(corpus.lines)} lines, ${fmt(corpus.bytes / 1048576, 1)} MiB in ${corpus.dir}`,
  );
  console.log(
    `Packages: ${Object.entries(corpus.packages)
      .map(([n, p]) => `${n}@${p.version}`)
      .join(", ")}`,
  );
  console.log(
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model}), Node ${process.version}, load average ${os.loadavg()[0].toFixed(2)}`,
  );

  const plan = [
    ["floor: read every file", () => floor(corpus.dir, "read")],
    ["floor: read + parse every file (1 thread)", () => floor(corpus.dir, "parse")],
    [
      "floor: read every file + parse prefiltered (1 thread)",
      () => floor(corpus.dir, "prefiltered"),
    ],
    ["lazymod, all transforms, --jobs default", () => lazymod(corpus.dir, [])],
    ["lazymod, all transforms, --jobs 1", () => lazymod(corpus.dir, ["--jobs", "1"])],
    ["lazymod, all transforms, --jobs 2", () => lazymod(corpus.dir, ["--jobs", "2"])],
    ["jscodeshift runner, each lazymod transform, --dry", () => jscodeshiftAll(corpus.dir)],
    ["eslint + unicorn (3 rules), --fix-dry-run", () => eslint(corpus.dir)],
    ["ast-grep scan, 1 rule", () => astGrep(corpus.dir)],
  ];
  // Warm the page cache first, so the first row does not pay for the disk and the others not.
  await floor(corpus.dir, "read");
  const selected = plan.filter(([name]) => !only || only.some((o) => name.includes(o)));
  const measured = new Map(selected.map(([name]) => [name, []]));
  for (let i = 1; i <= runs; i++) {
    for (const [name, run] of selected) {
      process.stderr.write(`  ${runs > 1 ? `run ${i}/${runs}: ` : ""}${name}…\n`);
      measured.get(name).push(await run());
    }
  }
  const rows = selected.map(([name]) => {
    const all = measured.get(name).sort((a, b) => a.wallMs - b.wallMs);
    const median = all[Math.floor((all.length - 1) / 2)];
    const spread =
      all.length > 1
        ? `${all.length} runs, ${all.map((r) => fmt(r.wallMs / 1000, 2)).join("/")} s`
        : "";
    return { name, ...median, note: [median.note, spread].filter(Boolean).join("; ") };
  });
  if (runs > 1) console.log(`Each row: the median of ${runs} runs (all runs listed in its notes).`);
  const reference =
    rows.find((r) => r.name.startsWith("lazymod, all transforms, --jobs default")) ?? rows[0];
  console.log(`\n${table(rows, corpus, reference)}\n`);
  targets(rows, reference);

  if (large) {
    console.log("\nScaling (lazymod, all transforms, --jobs default):\n");
    const points = [];
    for (const set of ["S", "M", "L"]) {
      const c = materialise(set);
      const r = await lazymod(c.dir, []);
      points.push({ set, lines: c.lines, files: c.files, ...r });
    }
    console.log("| set | files | lines | wall s | µs per line | peak RSS MiB |");
    console.log("|---|---|---|---|---|---|");
    for (const p of points) {
      console.log(
        `| ${p.set} | ${fmt(p.files)} | ${fmt(p.lines)} | ${fmt(p.wallMs / 1000, 2)} | ${fmt((p.wallMs * 1000) / p.lines, 2)} | ${fmt(p.peakRssMiB)} |`,
      );
    }
    const [s, , l] = points;
    console.log(
      `\nRSS growth S → L: ${fmt((l.peakRssMiB / s.peakRssMiB - 1) * 100, 1)}% (target < 20%); peak on L ${fmt(l.peakRssMiB)} MiB (target < 400)`,
    );
    console.log(
      `Time per line L / S: ${fmt(l.wallMs / l.lines / (s.wallMs / s.lines), 2)} (1.00 = linear)`,
    );

    // S, M and L differ in their largest files (S 533 KiB, L 1,011 KiB), and peak memory follows
    // the largest file parsed. The same files repeated isolate growth with the corpus alone.
    console.log("\nThe S files repeated (hard links), lazymod, all transforms:\n");
    console.log("| copies of S | lines | --jobs | wall s | µs per line | peak RSS MiB | threads |");
    console.log("|---|---|---|---|---|---|---|");
    const repeated = [];
    for (const copies of [1, 2, 4]) {
      const c = repeatSet(materialise(s.set), copies);
      for (const [label, jobsArgs, env] of [
        ["default", [], {}],
        ["1", ["--jobs", "1"], {}],
        ...(copies === 4
          ? [
              [
                "1, old space capped at 128 MiB",
                ["--jobs", "1"],
                { NODE_OPTIONS: "--max-old-space-size=128" },
              ],
            ]
          : []),
      ]) {
        const r = await lazymod(c.dir, jobsArgs, env);
        repeated.push({ copies, label, ...r });
        console.log(
          `| ${copies} | ${fmt(c.lines)} | ${label} | ${fmt(r.wallMs / 1000, 2)} | ${fmt((r.wallMs * 1000) / c.lines, 2)} | ${fmt(r.peakRssMiB)} | ${/(\d+) thread/.exec(r.note)?.[1] ?? ""} |`,
        );
      }
    }
  }
}

/** `copies` hard-linked copies of a materialised set, side by side in one directory. */
function repeatSet(source, copies) {
  const dir = path.join(path.dirname(source.dir), `${source.set}x${copies}`);
  if (!fs.existsSync(path.join(dir, ".complete"))) {
    fs.rmSync(dir, { recursive: true, force: true });
    for (let i = 1; i <= copies; i++) {
      const target = path.join(dir, `copy${i}`);
      fs.mkdirSync(dir, { recursive: true });
      try {
        execFileSync("cp", ["-al", source.dir, target]); // GNU cp: hard links, no data copied
      } catch {
        fs.cpSync(source.dir, target, { recursive: true });
      }
    }
    fs.writeFileSync(path.join(dir, ".complete"), "");
  }
  return { dir, lines: source.lines * copies };
}

function targets(rows, lazymod) {
  const find = (prefix) => rows.find((r) => r.name.startsWith(prefix));
  const check = (label, ok, detail) =>
    console.log(`${ok ? "met   " : "MISSED"}  ${label}: ${detail}`);
  const jscodeshift = find("jscodeshift");
  const eslintRow = find("eslint");
  const astGrepRow = find("ast-grep");
  const floorRow = find("floor: read every file + parse prefiltered");
  if (jscodeshift)
    check(
      "≥ 5× faster than jscodeshift",
      jscodeshift.wallMs / lazymod.wallMs >= 5,
      `${fmt(jscodeshift.wallMs / lazymod.wallMs, 1)}×`,
    );
  if (eslintRow)
    check(
      "≥ 10× faster than eslint + unicorn",
      eslintRow.wallMs / lazymod.wallMs >= 10,
      `${fmt(eslintRow.wallMs / lazymod.wallMs, 1)}×`,
    );
  if (astGrepRow)
    check(
      "within 2× of ast-grep's one-rule scan",
      lazymod.wallMs / astGrepRow.wallMs <= 2,
      `${fmt(lazymod.wallMs / astGrepRow.wallMs, 2)}× its time`,
    );
  if (floorRow)
    check(
      "within 1.5× of the floor (read all + parse prefiltered)",
      lazymod.wallMs / floorRow.wallMs <= 1.5,
      `${fmt(lazymod.wallMs / floorRow.wallMs, 2)}× its time`,
    );
}

await main();
