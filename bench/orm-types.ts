// `npm run build && npx tsx bench/orm-types.ts [-- --runs 3]`: what the project's types prove on
// the ORM fixture projects (__tests__/fixtures/projects/orm-*), and what a run with them costs.
//
// Each project is run by the built command line (`lazymod src --format json`, a fresh process
// each time, as a user runs it) with types and with `--no-types`. Prints, per project, the
// changes found, the proofs per kind, the changes types refuted (found without types, gone with
// them), the changes types turned into reported-only findings, and the median wall time of each
// mode with the time the programs took.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { generatePrismaClient } from "../__tests__/helpers/orm/prisma.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const CLI = path.join(ROOT, "dist/src/cli.js");
const PROJECTS = path.join(ROOT, "__tests__/fixtures/projects");
const ORM_PROJECTS = [
  "orm-typeorm",
  "orm-typeorm-legacy",
  "orm-prisma",
  "orm-sequelize",
  "orm-mongoose",
  "orm-knex",
  "orm-drizzle",
];
const TRANSFORMS =
  "prefer-orm-count,prefer-orm-exists,prefer-orm-find-first,prefer-orm-select,prefer-orm-cursor,prefer-orm-emptiness-test";

interface Report {
  files: { path: string; changes: { line: number; transform: string; status: string }[] }[];
  summary: { byProof?: Record<string, number> };
  types?: { milliseconds: number; programFiles: number };
}

function lazymod(project: string, types: boolean): { report: Report; ms: number } {
  const started = performance.now();
  const args = [CLI, "src", "--format", "json", "--transforms", TRANSFORMS, "--max-risk", "100"];
  if (!types) args.push("--no-types");
  const child = spawnSync(process.execPath, args, {
    cwd: path.join(PROJECTS, project),
    encoding: "utf8",
  });
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`${project}: exit ${child.status}\n${child.stderr}`);
  return { report: JSON.parse(child.stdout) as Report, ms };
}

const keyOf = (file: string, c: { line: number; transform: string }) =>
  `${file}:${c.line}:${c.transform}`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
const runs = Number(values.runs);
const prisma = path.join(PROJECTS, "orm-prisma");
generatePrismaClient(
  path.join(prisma, "prisma/schema.prisma"),
  path.join(prisma, "generated/prisma"),
);

const rows: string[][] = [];
const totals = new Map<string, number>();
for (const project of ORM_PROJECTS) {
  const typed: number[] = [];
  const local: number[] = [];
  const programs: number[] = [];
  let last: { typed: Report; local: Report } | undefined;
  for (let i = 0; i < runs; i++) {
    const withTypes = lazymod(project, true);
    const without = lazymod(project, false);
    typed.push(withTypes.ms);
    local.push(without.ms);
    programs.push(withTypes.report.types?.milliseconds ?? 0);
    last = { typed: withTypes.report, local: without.report };
  }
  const seen = (report: Report) =>
    new Map(report.files.flatMap((f) => f.changes.map((c) => [keyOf(f.path, c), c] as const)));
  const withTypes = seen(last!.typed);
  const without = seen(last!.local);
  const refuted = [...without.keys()].filter((k) => !withTypes.has(k)).length;
  const reported = [...withTypes.entries()].filter(
    ([k, c]) => c.status === "report" && without.get(k)?.status !== "report",
  ).length;
  const proofs = last!.typed.summary.byProof ?? {};
  for (const [id, n] of Object.entries(proofs)) totals.set(id, (totals.get(id) ?? 0) + n);
  totals.set("refuted", (totals.get("refuted") ?? 0) + refuted);
  rows.push([
    project,
    String(without.size),
    Object.entries(proofs)
      .map(([id, n]) => `${id} ${n}`)
      .join(", ") || "none",
    String(refuted),
    String(reported),
    `${median(local).toFixed(0)} ms`,
    `${median(typed).toFixed(0)} ms (programs ${median(programs).toFixed(0)} ms, ${last!.typed.types?.programFiles ?? 0} files)`,
  ]);
}

const head = [
  "project",
  "changes without types",
  "proofs with types",
  "refuted",
  "held (reported)",
  "--no-types",
  "with types",
];
console.log(`| ${head.join(" | ")} |`);
console.log(`| ${head.map(() => "---").join(" | ")} |`);
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
console.log(
  `\nTotals: ${[...totals].map(([id, n]) => `${id} ${n}`).join(", ")} (median of ${runs} runs each)`,
);
