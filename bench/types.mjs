// `npm run bench:types`: what the project-aware mode (`--types`, lazymod's TypeScript programs)
// costs, measured in one run against what it is compared with, on the projects of projects.mjs:
//
// - S and L: the bench corpora with a tsconfig.json (allowJs) and their dependencies installed;
// - W: a workspace of ten real packages' TypeScript sources, one tsconfig each, dist/ unbuilt;
// - E: examples/legacy-shop, the demo (a small TypeScript project with ORM clients);
// - S without a tsconfig (bench/corpus.mjs's own S), where no program is ever built: lazymod by
//   default, with --no-types, and lazymod as it was before the project-aware mode existed (the
//   commit BEFORE_TYPES, built once from git into the bench directory).
//
// Rows per project: lazymod (types on, the default), lazymod --no-types, `tsc --noEmit -p`
// (W: each package's tsconfig in turn, one process each, summed; L: not run, see README), and
// typescript-eslint with one type-aware rule (`@typescript-eslint/prefer-find`,
// parserOptions.projectService; eslint-types.config.mjs) over the same files. Each row: the
// median of its runs (rows interleaved, so a slow spell on the machine hits them all) of wall
// time, CPU time (user + system, every Node process of the tree) and peak RSS. Then the goals.
//
// Options: --runs=N (lazymod rows, default 3), --reference-runs=N (tsc and typescript-eslint,
// default 1: each takes a minute or more on S), --only=S,W,E,L,plain (which projects).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { generateExampleClient, SHOP } from "../scripts/example-client.mjs";
import { materialise } from "./corpus.mjs";
import { measure } from "./measure.mjs";
import { corpusProject, TYPES_BASE, workspaceProject } from "./projects.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const BENCH = import.meta.dirname;
const CLI = path.join(ROOT, "dist/src/cli.js");
const ESLINT = path.join(BENCH, "node_modules/eslint/bin/eslint.js");
/**
 * Issue 11 complete (its ORM family branch, merged next to the project-aware mode's first
 * commits) without any of the project-aware mode: "today", for `--no-types`.
 */
const BEFORE_TYPES = "8504d06e8bf250d4a0be78f2115025dde2750354";
const MIB = 1024;

const args = process.argv.slice(2);
const option = (name, fallback) =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const positive = (name, fallback) => {
  const value = Number(option(name, fallback));
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name}=N needs a positive integer`);
  return value;
};
const runs = positive("runs", "3");
const referenceRuns = positive("reference-runs", "1");
const only = option("only", "S,W,E,L,plain").split(",");

function ensureInstalled() {
  const installed = ["effect", "@typescript-eslint/eslint-plugin"].every((name) =>
    fs.existsSync(path.join(BENCH, "node_modules", name, "package.json")),
  );
  if (installed) return;
  console.error("Installing the pinned benchmark corpus and tools (bench/package-lock.json)…");
  // --ignore-scripts: the corpus is data; none of its install scripts may run.
  execFileSync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], {
    cwd: BENCH,
    stdio: "inherit",
  });
}

/** lazymod as of BEFORE_TYPES, built once (git archive, this repository's node_modules and tsc). */
function lazymodBeforeTypes() {
  const dir = path.join(TYPES_BASE, `lazymod-${BEFORE_TYPES.slice(0, 12)}`);
  const cli = path.join(dir, "dist/src/cli.js");
  if (fs.existsSync(path.join(dir, ".complete"))) return cli;
  try {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const archive = execFileSync("git", ["-C", ROOT, "archive", BEFORE_TYPES], {
      maxBuffer: 1 << 30,
    });
    execFileSync("tar", ["-x", "-C", dir], { input: archive });
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    console.error(`Building lazymod as of ${BEFORE_TYPES.slice(0, 7)} (before types) in ${dir}…`);
    execFileSync(
      process.execPath,
      [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
      { cwd: dir, stdio: "inherit" },
    );
    fs.writeFileSync(path.join(dir, ".complete"), "");
    return cli;
  } catch (error) {
    console.error(`lazymod before types cannot be built here (${error.message.split("\n")[0]})`);
    return undefined;
  }
}

/** The TypeScript a project's own tsc would be: its node_modules' (lazymod's loads the same). */
function tscOf(dir) {
  return createRequire(path.join(dir, "package.json")).resolve("typescript/bin/tsc");
}

async function lazymod(dir, extra = [], cli = CLI) {
  const r = await measure(process.execPath, [cli, ".", "--format", "json", ...extra], {
    cwd: dir,
    cpu: true,
  });
  if (r.code !== 0 && r.code !== 2) throw new Error(`lazymod failed in ${dir}: ${r.stderr}`);
  const report = JSON.parse(r.stdout);
  const { summary, types } = report;
  const proofs = Object.values(summary.byProof ?? {}).reduce((a, b) => a + b, 0);
  const found = types?.programs
    ? `${summary.changes} changes, ${proofs} proofs, ${summary.typeChecked ?? 0} type-checked`
    : `${summary.changes} changes`;
  const programs = types?.programs
    ? `${types.programs} program(s), ${types.files} roots, ${types.programFiles} files, ${(types.milliseconds / 1000).toFixed(1)} s; `
    : "";
  return { ...r, found, note: `${programs}${summary.filesParsed} files parsed`, report };
}

/** `tsc --noEmit -p` for each tsconfig in turn (a workspace's packages), summed. */
async function tsc(dir, tsconfigs) {
  const total = { wallMs: 0, cpuMs: 0, peakRssMiB: 0, errors: 0 };
  for (const tsconfig of tsconfigs) {
    const r = await measure(process.execPath, [tscOf(dir), "--noEmit", "-p", tsconfig], {
      cwd: dir,
      cpu: true,
    });
    if (r.code !== 0 && r.code !== 2) throw new Error(`tsc failed on ${tsconfig}: ${r.stderr}`);
    total.wallMs += r.wallMs;
    total.cpuMs += r.cpuMs;
    total.peakRssMiB = Math.max(total.peakRssMiB, r.peakRssMiB);
    total.errors += r.stdout.split("\n").filter((l) => / error TS\d+:/.test(l)).length;
  }
  return {
    ...total,
    found: `${total.errors} errors`,
    note: tsconfigs.length > 1 ? `${tsconfigs.length} tsconfigs, one process each` : "",
  };
}

async function typescriptEslint(dir) {
  const r = await measure(
    process.execPath,
    [
      ESLINT,
      "-c",
      path.join(BENCH, "eslint-types.config.mjs"),
      "--no-inline-config",
      "--format",
      "json",
      ".",
    ],
    { cwd: dir, cpu: true },
  );
  if (r.code !== 0 && r.code !== 1) throw new Error(`eslint failed in ${dir}: ${r.stderr}`);
  const results = JSON.parse(r.stdout);
  const messages = results.flatMap((f) => f.messages);
  const found = messages.filter((m) => m.ruleId === "@typescript-eslint/prefer-find").length;
  const fatal = messages.filter((m) => m.fatal).length;
  return {
    ...r,
    found: `${found} prefer-find`,
    note: `${results.length} files linted, ${fatal} failed to parse`,
  };
}

const fmt = (n, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const seconds = (ms) => fmt(ms / 1000, 2);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

function projects() {
  const list = [];
  if (only.includes("S")) list.push({ key: "S", ...corpusProject("S"), tsc: true, eslint: true });
  if (only.includes("W")) list.push({ key: "W", ...workspaceProject(), tsc: true, eslint: true });
  if (only.includes("E")) {
    if (!generateExampleClient())
      console.error("bench: the example's Prisma client could not be generated");
    list.push({
      key: "E",
      name: "examples/legacy-shop",
      dir: SHOP,
      tsconfigs: [path.join(SHOP, "tsconfig.json")],
      description: "the demo: a small TypeScript project, nearly every file with findings",
      tsc: true,
      eslint: true,
    });
  }
  // tsc and typescript-eslint would build one program of all 9,442 files (S's already takes
  // them 2 GiB and more): L measures lazymod's peak memory and its cost against --no-types.
  if (only.includes("L")) list.push({ key: "L", ...corpusProject("L"), tsc: false, eslint: false });
  return list;
}

async function main() {
  ensureInstalled();
  if (!fs.existsSync(CLI)) execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(", ");
  console.log(
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model}), Node ${process.version}, load average (1, 5, 15 min) at the start ${load()}`,
  );
  const plan = [];
  for (const p of projects()) {
    console.log(`${p.key}: ${p.name}, ${p.description} (${p.dir})`);
    plan.push({
      project: p.key,
      name: "lazymod (types, the default)",
      runs,
      run: () => lazymod(p.dir),
    });
    plan.push({
      project: p.key,
      name: "lazymod --no-types",
      runs,
      run: () => lazymod(p.dir, ["--no-types"]),
    });
    if (p.tsc)
      plan.push({
        project: p.key,
        name: "tsc --noEmit -p",
        runs: referenceRuns,
        run: () => tsc(p.dir, p.tsconfigs),
      });
    if (p.eslint)
      plan.push({
        project: p.key,
        name: "typescript-eslint, prefer-find, projectService",
        runs: referenceRuns,
        run: () => typescriptEslint(p.dir),
      });
  }
  if (only.includes("plain")) {
    const plain = materialise("S");
    console.log(`plain: corpus S without a tsconfig (${plain.files} files, ${plain.dir})`);
    plan.push({
      project: "plain",
      name: "lazymod (types, the default)",
      runs,
      run: () => lazymod(plain.dir),
    });
    plan.push({
      project: "plain",
      name: "lazymod --no-types",
      runs,
      run: () => lazymod(plain.dir, ["--no-types"]),
    });
    const before = lazymodBeforeTypes();
    if (before)
      plan.push({
        project: "plain",
        name: `lazymod before types (${BEFORE_TYPES.slice(0, 7)})`,
        runs,
        run: () => lazymod(plain.dir, [], before),
      });
  }
  const rounds = Math.max(...plan.map((row) => row.runs));
  const measured = new Map(plan.map((row) => [row, []]));
  for (let i = 1; i <= rounds; i++)
    for (const row of plan) {
      if (i > row.runs) continue;
      process.stderr.write(`  run ${i}/${row.runs}: ${row.project}: ${row.name}…\n`);
      measured.get(row).push(await row.run());
    }
  const results = plan.map((row) => {
    const all = measured.get(row);
    const byWall = [...all].sort((a, b) => a.wallMs - b.wallMs);
    const typical = byWall[Math.floor((byWall.length - 1) / 2)];
    return {
      project: row.project,
      name: row.name,
      wallMs: median(all.map((r) => r.wallMs)),
      cpuMs: median(all.map((r) => r.cpuMs)),
      peakRssMiB: median(all.map((r) => r.peakRssMiB)),
      maxRssMiB: Math.max(...all.map((r) => r.peakRssMiB)),
      found: typical.found,
      note: [
        typical.note,
        `${all.length} run(s): ${all.map((r) => seconds(r.wallMs)).join(" / ")} s`,
      ]
        .filter(Boolean)
        .join("; "),
      report: typical.report,
    };
  });
  console.log(`Load average at the end: ${load()}`);
  console.log(
    `Each row: the median of its runs (wall, CPU and peak RSS each), lazymod rows ${runs}, tsc and typescript-eslint ${referenceRuns}.\n`,
  );
  const header = ["project", "measurement", "wall s", "CPU s", "peak RSS MiB", "found", "notes"];
  console.log(`| ${header.join(" | ")} |`);
  console.log(`|${header.map(() => "---").join("|")}|`);
  for (const r of results)
    console.log(
      `| ${r.project} | ${r.name} | ${seconds(r.wallMs)} | ${seconds(r.cpuMs)} | ${fmt(r.peakRssMiB)} | ${r.found} | ${r.note} |`,
    );
  console.log("");
  settled(results);
  goals(results);
}

/** Per project: what the types proved, refuted, and left to the file-local judgement. */
function settled(results) {
  const keyOf = (file, change) => `${file.path}:${change.line}:${change.transform}`;
  const tally = (entries) =>
    [...entries.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map())]
      .sort((a, b) => b[1] - a[1])
      .map(([id, n]) => `${id} ${n}`)
      .join(", ") || "none";
  const header = [
    "project",
    "changes --no-types",
    "with types",
    "proofs",
    "refuted",
    "factors left with types",
  ];
  console.log(`| ${header.join(" | ")} |`);
  console.log(`|${header.map(() => "---").join("|")}|`);
  for (const project of ["S", "W", "E", "L"]) {
    const typed = results.find((r) => r.project === project && r.name.startsWith("lazymod (types"));
    const local = results.find((r) => r.project === project && r.name === "lazymod --no-types");
    if (!typed || !local) continue;
    const changes = (report) => report.files.flatMap((f) => f.changes.map((c) => [keyOf(f, c), c]));
    const withTypes = new Map(changes(typed.report));
    const without = changes(local.report);
    const refuted = without.filter(([key]) => !withTypes.has(key)).length;
    const all = [...withTypes.values()];
    console.log(
      `| ${project} | ${without.length} | ${all.length} | ${tally(all.flatMap((c) => (c.risk.proofs ?? []).map((p) => p.id)))} | ${refuted} | ${tally(all.flatMap((c) => c.risk.factors.map((f) => f.id)))} |`,
    );
  }
  console.log("");
}

function goals(results) {
  const row = (project, prefix) =>
    results.find((r) => r.project === project && r.name.startsWith(prefix));
  const check = (label, ok, detail) =>
    console.log(`${ok ? "met   " : "MISSED"}  ${label}: ${detail}`);
  const ratio = (a, b) => `${fmt(a.wallMs / b.wallMs, 2)}× wall, ${fmt(a.cpuMs / b.cpuMs, 2)}× CPU`;
  for (const project of ["S", "W", "E", "L"]) {
    const typed = row(project, "lazymod (types");
    if (!typed) continue;
    const local = row(project, "lazymod --no-types");
    const tscRow = row(project, "tsc");
    const eslintRow = row(project, "typescript-eslint");
    if (tscRow)
      check(
        `${project}: with types ≤ ½ of tsc --noEmit -p`,
        typed.wallMs <= tscRow.wallMs / 2,
        ratio(typed, tscRow),
      );
    check(
      `${project}: with types ≤ 3× --no-types`,
      typed.wallMs <= 3 * local.wallMs,
      ratio(typed, local),
    );
    if (eslintRow)
      check(
        `${project}: ≥ 5× faster than typescript-eslint's prefer-find`,
        eslintRow.wallMs >= 5 * typed.wallMs,
        `${fmt(eslintRow.wallMs / typed.wallMs, 1)}× (wall), ${fmt(eslintRow.cpuMs / typed.cpuMs, 1)}× (CPU)`,
      );
    if (project === "L")
      check(
        "L: peak RSS with types ≤ 1 GiB",
        typed.maxRssMiB <= MIB,
        `${fmt(typed.peakRssMiB)} MiB (median), ${fmt(typed.maxRssMiB)} MiB (highest run)`,
      );
  }
  const plainTyped = row("plain", "lazymod (types");
  const plainLocal = row("plain", "lazymod --no-types");
  const before = row("plain", "lazymod before types");
  if (before) {
    // Medians of a few runs on a shared machine move by several percent: within 5% is "no slower".
    check(
      "--no-types no slower than before types (within 5%)",
      plainLocal.wallMs <= 1.05 * before.wallMs,
      ratio(plainLocal, before),
    );
    check(
      "default, no tsconfig, no slower than before types (within 5%)",
      plainTyped.wallMs <= 1.05 * before.wallMs,
      ratio(plainTyped, before),
    );
  }
}

await main();
