// `npm run bench:orm [-- --runs 3 --rows 20000 --db sqlite|postgres --postgres auto|server|pglite
//   --orms prisma,knex]`:
// the incident behind lazymod, reproduced per ORM, on SQLite (a file) or PostgreSQL: the machine's
// own server (bench/postgres-server.ts) or PGlite served on a loopback port by this process, so the
// measured processes hold only the ORM and its driver either way.
//
// A `students` table (`name`, `name2` … `name15` of 20 characters, and `age`) with `--rows`
// students older than 20 and a fifth as many younger. For each ORM that runs here, each question
// (is there any student older than 20? how many? which comes first?) is answered by the eager
// functions in bench/cases/orm-incident.ts and by lazymod's rewrite of them, each measurement in
// a fresh process. Prints wall time, peak RSS, JS heap growth and rows read from the driver.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { transformSource } from "../src/core/engine.js";
import { transforms } from "../transforms/index.js";
import { seedPostgres, startPostgres } from "../__tests__/helpers/orm/postgres.js";
import {
  generatePostgresPrismaClient,
  generatePrismaClient,
} from "../__tests__/helpers/orm/prisma.js";
import { seedDatabase, type SeedOptions } from "../__tests__/helpers/orm/seed.js";
import {
  findPostgresBinaries,
  startPostgresServer,
} from "../__tests__/helpers/orm/postgres-server.js";

const execFileAsync = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "..");
const CACHE = path.join(ROOT, ".cache/bench");
const EAGER = path.join(ROOT, "bench/cases/orm-incident.ts");
const LAZY = path.join(CACHE, "orm-incident.lazy.ts");
const MEASURE = path.join(ROOT, "bench/orm-measure.ts");

const ORMS = [
  { id: "prisma", label: "Prisma 7", cases: "prisma" },
  { id: "typeorm", label: "TypeORM 0.3", cases: "typeorm" },
  { id: "sequelize6", label: "Sequelize 6", cases: "sequelize" },
  { id: "sequelize7", label: "Sequelize 7", cases: "sequelize" },
  { id: "knex", label: "Knex 3", cases: "knex" },
  { id: "drizzle", label: "Drizzle", cases: "drizzle" },
] as const;
const QUESTIONS = [
  { id: "Exists", label: "any?" },
  { id: "Count", label: "how many?" },
  { id: "First", label: "first" },
] as const;

interface Measurement {
  wallMs: number;
  /** The process's high-water mark, and how much the call raised it. */
  peakRss: number;
  peakRssGrowth: number;
  heapGrowth: number;
  rows: number;
  answer: unknown;
}

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    rows: { type: "string", default: "20000" },
    db: { type: "string", default: "sqlite" },
    postgres: { type: "string", default: "auto" },
    orms: { type: "string", default: ORMS.map((o) => o.id).join(",") },
  },
});
const runs = Number(values.runs);
const matching = Number(values.rows);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(matching) || matching < 1) {
  throw new Error("--runs and --rows must be positive integers");
}
if (values.db !== "sqlite" && values.db !== "postgres") {
  throw new Error(`--db must be sqlite or postgres, not ${values.db}`);
}
const onPostgres = values.db === "postgres";
if (!["auto", "server", "pglite"].includes(values.postgres)) {
  throw new Error(`--postgres must be auto, server or pglite, not ${values.postgres}`);
}
/** The machine's own PostgreSQL server when it has one (auto), else PGlite. */
const postgresKind =
  values.postgres === "auto" ? (findPostgresBinaries() ? "server" : "pglite") : values.postgres;

/** The lazy cases are lazymod's own output for the eager ones: what is measured is what ships. */
function writeLazyCases(): void {
  const result = transformSource(readFileSync(EAGER, "utf8"), {
    path: EAGER,
    transforms: transforms.filter((t) => t.category === "orm"),
  });
  const expected = ORMS.length - 1; // Sequelize 6 and 7 share their cases
  if (result.changes.filter((c) => c.status === "apply").length !== expected * QUESTIONS.length)
    throw new Error("lazymod did not rewrite every eager case at its default (low) risk");
  writeFileSync(LAZY, result.output);
}

async function measure(
  module: string,
  fn: string,
  orm: string,
  database: string,
): Promise<Measurement> {
  // Asynchronous, so that this process goes on serving PostgreSQL to the child meanwhile.
  const child = await execFileAsync(
    process.execPath,
    ["--import", "tsx", "--expose-gc", MEASURE, module, fn, orm, database],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24 },
  ).catch((error: { stderr?: string; message: string }) => {
    throw new Error(`${fn} (${orm}) failed:\n${error.stderr ?? error.message}`);
  });
  return JSON.parse(child.stdout.trim().split("\n").pop()!) as Measurement;
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function summarize(samples: Measurement[]): Measurement {
  return {
    wallMs: median(samples.map((s) => s.wallMs)),
    peakRss: median(samples.map((s) => s.peakRss)),
    peakRssGrowth: median(samples.map((s) => s.peakRssGrowth)),
    heapGrowth: median(samples.map((s) => s.heapGrowth)),
    rows: samples[0]!.rows,
    answer: samples[0]!.answer,
  };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
const ratio = (eager: number, lazy: number) =>
  lazy > 0 ? `${(eager / lazy).toFixed(eager / lazy < 10 ? 1 : 0)}×` : "∞";

mkdirSync(CACHE, { recursive: true });
const data: SeedOptions = {
  students: matching + Math.floor(matching / 5),
  // every sixth student is 20 or younger; the others are 21 to 70
  ageOf: (id) => (id % 6 === 0 ? 15 + (id % 6) : 21 + (id % 50)),
};
const server = !onPostgres
  ? undefined
  : postgresKind === "server"
    ? await startPostgresServer()
    : { ...(await startPostgres()), description: "PGlite, over a loopback port" };
let database = path.join(CACHE, "students.db");
if (server) {
  database = server.url;
  await seedPostgres(database, data);
  generatePostgresPrismaClient();
} else {
  seedDatabase(database, data);
  generatePrismaClient();
}
writeLazyCases();

const header =
  "| ORM | question (answer) | wall time eager → lazy | ratio | peak RSS eager → lazy (growth during the call) | ratio | JS heap growth eager → lazy | ratio | rows read eager → lazy |";
const lines = [header, "|---|---|---|---|---|---|---|---|---|"];
const chosen = values.orms.split(",").map((id) => id.trim());
for (const id of chosen)
  if (!ORMS.some((o) => o.id === id))
    throw new Error(`--orms: unknown ${id} (one of ${ORMS.map((o) => o.id).join(", ")})`);
for (const orm of ORMS.filter((o) => chosen.includes(o.id))) {
  for (const question of QUESTIONS) {
    const fn = `${orm.cases}${question.id}`;
    const eager: Measurement[] = [];
    const lazy: Measurement[] = [];
    for (let i = 0; i < runs; i++) {
      eager.push(await measure(EAGER, fn, orm.id, database));
      lazy.push(await measure(LAZY, fn, orm.id, database));
    }
    const e = summarize(eager);
    const l = summarize(lazy);
    if (JSON.stringify(e.answer) !== JSON.stringify(l.answer))
      throw new Error(
        `${fn} (${orm.id}): eager answered ${JSON.stringify(e.answer)}, lazy ${JSON.stringify(l.answer)}`,
      );
    // Growth below 0 (a collection; the kernel updates the RSS high-water mark lazily) is none.
    const heap = (value: number) => mb(Math.max(0, value));
    lines.push(
      `| ${orm.label} | ${question.label} (${JSON.stringify(e.answer)}) | ${ms(e.wallMs)} → ${ms(l.wallMs)} | ${ratio(e.wallMs, l.wallMs)} | ${mb(e.peakRss)} (+${heap(e.peakRssGrowth)}) → ${mb(l.peakRss)} (+${heap(l.peakRssGrowth)}) | ${ratio(e.peakRss, l.peakRss)} | ${heap(e.heapGrowth)} → ${heap(l.heapGrowth)} | ${ratio(Math.max(e.heapGrowth, 1), Math.max(l.heapGrowth, 1))} | ${e.rows} → ${l.rows} |`,
    );
    process.stderr.write(`${orm.label} ${question.label} done\n`);
  }
}
await server?.stop();
const where = server ? server.description : "SQLite";
process.stdout.write(
  `\n${where}: ${matching} of ${matching + Math.floor(matching / 5)} students match \`age > 20\`; medians of ${runs} run(s) per cell, each in a fresh process (Node ${process.versions.node}).\n\n${lines.join("\n")}\n`,
);
