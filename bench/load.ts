// `npm run bench:load [-- --db sqlite|postgres --postgres auto|server|pglite --pool 10
//   --connections 10,50 --duration 10 --orms prisma,knex]`:
// the incident itself, an endpoint under concurrent load, before and after lazymod.
//
// For each ORM, examples/legacy-shop's module for the incident's endpoint (is there any student
// older than 20?) is served by a real HTTP server (Node's `http`, bench/load-server.ts) in a
// process of its own, once as the example is (eager) and once as `lazymod --write` rewrote it in a
// copy (lazy); autocannon drives each at a fixed number of connections for a fixed time on
// 127.0.0.1. Eager and lazy run back to back, each in a fresh server; a server whose handler makes
// no database call gives the floor of the HTTP stack. Prints requests per second, p50 and p99
// latency, errors, the server's RSS (idle, peak during the load, a few seconds after) and the
// ratios, with the 50-connection goals checked.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import ts from "typescript";
import type { Change } from "../src/core/types.js";
import { generatePrismaClient } from "../__tests__/helpers/orm/prisma.js";
import { seedDatabase } from "../__tests__/helpers/orm/seed.js";
import { incidentSeed, QUESTIONS, SHOP_ORMS, type Question, type ShopOrm } from "./load-shop.js";
import { findPostgresBinaries } from "../__tests__/helpers/orm/postgres-server.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const SHOP = path.join(ROOT, "examples/legacy-shop");
const OVERLAYS = path.join(ROOT, "bench/load");
const SERVER = path.join(ROOT, "bench/load-server.ts");
const POSTGRES = path.join(ROOT, "bench/load-postgres.ts");
const CLI = path.join(ROOT, "dist/src/cli.js");
const DATABASES = ["sqlite", "postgres"] as const;
const POSTGRES_KINDS = ["auto", "server", "pglite"] as const;

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite" },
    postgres: { type: "string", default: "auto" },
    pool: { type: "string" },
    connections: { type: "string", default: "10,50" },
    duration: { type: "string", default: "10" },
    settle: { type: "string", default: "3" },
    drain: { type: "string", default: "15" },
    timeout: { type: "string", default: "10" },
    "max-requests": { type: "string", default: "1000000" },
    orms: { type: "string", default: SHOP_ORMS.map((o) => o.id).join(",") },
    questions: { type: "string", default: "any" },
    rows: { type: "string", default: "20000" },
  },
});

function positiveInteger(name: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer`);
  return value;
}
function listOf<T extends string>(name: string, text: string, allowed: readonly T[]): T[] {
  const items = text.split(",").map((s) => s.trim());
  for (const item of items)
    if (!allowed.includes(item as T))
      throw new Error(`--${name}: unknown ${item} (one of ${allowed.join(", ")})`);
  return items as T[];
}

const db = listOf("db", values.db, DATABASES)[0]!;
/**
 * Which PostgreSQL: the machine's own server when it has one (a pool of 10 by default, node-postgres's
 * and TypeORM's own default: queries overlap as in production), else PGlite (one connection).
 */
const postgresKind = (() => {
  const kind = listOf("postgres", values.postgres, POSTGRES_KINDS)[0]!;
  if (kind !== "auto") return kind;
  return findPostgresBinaries() ? "server" : "pglite";
})();
const pool = (() => {
  if (db !== "postgres") {
    if (values.pool !== undefined) throw new Error("--pool applies to --db postgres only");
    return 1;
  }
  const size = positiveInteger("pool", values.pool ?? (postgresKind === "server" ? "10" : "1"));
  if (postgresKind === "pglite" && size !== 1)
    throw new Error(
      "--pool: PGlite serves one connection at a time, so its pools have a size of 1",
    );
  return size;
})();
const connectionCounts = values.connections
  .split(",")
  .map((c) => positiveInteger("connections", c));
const durationSeconds = positiveInteger("duration", values.duration);
const settleSeconds = positiveInteger("settle", values.settle);
const drainSeconds = positiveInteger("drain", values.drain);
const timeoutSeconds = positiveInteger("timeout", values.timeout);
const maxRequests = positiveInteger("max-requests", values["max-requests"]);
const orms = listOf(
  "orms",
  values.orms,
  SHOP_ORMS.map((o) => o.id),
);
const questions = listOf("questions", values.questions, Object.keys(QUESTIONS) as Question[]);
const matching = positiveInteger("rows", values.rows);
const seed = incidentSeed(matching);
const CACHE = path.join(ROOT, ".cache/bench-load", db);

// ---------------------------------------------------------------------------------------------
// The shop, deployed twice: as the example is, and as lazymod rewrote it.

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/**
 * A copy of examples/legacy-shop whose connection modules (the ones that name a database) are
 * bench/load/<db>/'s, on the bench's database; on PostgreSQL its Prisma schema names that
 * provider. Only modules the shop has are replaced, so no query module can come from the bench.
 */
function deployShop(target: string): void {
  rmSync(target, { recursive: true, force: true });
  cpSync(SHOP, target, {
    recursive: true,
    filter: (source) => !/^(generated|node_modules)$/.test(path.relative(SHOP, source)),
  });
  for (const file of filesUnder(path.join(OVERLAYS, db))) {
    if (!existsSync(path.join(target, file)))
      throw new Error(`bench/load/${db}/${file} replaces no module of examples/legacy-shop`);
    cpSync(path.join(OVERLAYS, db, file), path.join(target, file));
  }
  const schema = path.join(target, "prisma/schema.prisma");
  if (db === "postgres") {
    const text = readFileSync(schema, "utf8");
    const pg = text.replace(/provider = "sqlite"/, 'provider = "postgresql"');
    if (pg === text) throw new Error(`${schema}: no sqlite provider to replace`);
    writeFileSync(schema, pg);
  }
  generatePrismaClient(schema, path.join(target, "generated/prisma"));
}

interface Rewrite {
  orm: ShopOrm;
  question: Question;
  changes: Change[];
}

/** The lines (1-based, inclusive) of the function or method `name` in `file`. */
function functionLines(file: string, name: string): { first: number; last: number; text: string } {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (
      (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) &&
      node.name?.getText(source) === name
    )
      found = node;
    else ts.forEachChild(node, visit);
  };
  visit(source);
  if (!found) throw new Error(`${file} has no function ${name}`);
  const line = (position: number) => source.getLineAndCharacterOfPosition(position).line + 1;
  return {
    first: line(found.getStart(source)),
    last: line(found.getEnd()),
    text: found.getText(source),
  };
}

/**
 * `lazymod --write` on the lazy copy's endpoint modules (the built CLI, as a user runs it, with
 * the copy's tsconfig and types); every benchmarked function must have been rewritten.
 */
function rewriteShop(eager: string, lazy: string): Rewrite[] {
  const modules = [...new Set(orms.map((id) => SHOP_ORMS.find((o) => o.id === id)!.module))];
  const run = spawnSync(
    process.execPath,
    [CLI, "--write", "--format", "json", ...modules.map((m) => path.join(lazy, m))],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 },
  );
  if (run.status !== 0) throw new Error(`lazymod --write failed (${run.status}):\n${run.stderr}`);
  const report = JSON.parse(run.stdout) as { files: { path: string; changes: Change[] }[] };
  const rewrites: Rewrite[] = [];
  for (const orm of orms) {
    const module = SHOP_ORMS.find((o) => o.id === orm)!.module;
    const file = report.files.find((f) => path.resolve(ROOT, f.path) === path.join(lazy, module));
    for (const question of questions) {
      const name = QUESTIONS[question].name;
      const before = functionLines(path.join(eager, module), name);
      const after = functionLines(path.join(lazy, module), name);
      const changes = (file?.changes ?? []).filter(
        (c) => c.status === "apply" && c.startLine >= before.first && c.startLine <= before.last,
      );
      if (changes.length === 0 || before.text === after.text)
        throw new Error(`lazymod --write did not rewrite ${name} in ${module}`);
      rewrites.push({ orm, question, changes });
    }
  }
  return rewrites;
}

function describeRewrite(rewrite: Rewrite): string {
  const module = SHOP_ORMS.find((o) => o.id === rewrite.orm)!.module;
  return rewrite.changes
    .map((c) => {
      const lines = [
        ...c.original.split("\n").map((l) => `  - ${l.trim()}`),
        ...c.replacement.split("\n").map((l) => `  + ${l.trim()}`),
      ];
      return `${module}:${c.line} ${QUESTIONS[rewrite.question].name}: ${c.transform} (risk ${c.risk.score}, ${c.risk.band})\n${lines.join("\n")}`;
    })
    .join("\n");
}

// ---------------------------------------------------------------------------------------------
// One measurement: a fresh server, a warm-up, the load, then the server left alone.

interface Memory {
  rss: number;
  hwm: number;
}

/** VmRSS and VmHWM of a process, in bytes. */
function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1]) * 1024;
  return { rss: field("VmRSS"), hwm: field("VmHWM") };
}

/** Resets the process's high-water mark to its current RSS (Linux: `echo 5 > clear_refs`). */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

interface Server {
  child: ChildProcess;
  port: number;
  stderr: () => string;
}

function message<T>(child: ChildProcess, test: (m: unknown) => m is T, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no answer from the server in ${ms} ms`)), ms);
    const onMessage = (m: unknown) => test(m) && done(undefined, m);
    const onExit = (code: number | null) => done(new Error(`the server exited (${code})`));
    function done(error: Error | undefined, value?: T) {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve(value!);
    }
    child.on("message", onMessage);
    child.on("exit", onExit);
  });
}

async function startServer(
  orm: ShopOrm | "none",
  question: Question,
  shop: string,
): Promise<Server> {
  const child = spawn(process.execPath, ["--import", "tsx", SERVER, orm, question, shop], {
    cwd: shop,
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: path.join(shop, "tsconfig.json"),
      BENCH_DATABASE: database,
      BENCH_POOL: String(pool),
    },
    stdio: ["ignore", "inherit", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    const { port } = await message(
      child,
      (m): m is { port: number } => typeof (m as { port?: unknown }).port === "number",
      120_000,
    );
    return { child, port, stderr: () => stderr };
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${orm} server: ${(error as Error).message}\n${stderr}`);
  }
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGKILL");
  await exited;
}

/**
 * Requests the server has not answered yet, or undefined when it does not say within `ms` (a
 * saturated server reads its IPC channel only between the requests it is working on).
 */
async function inFlight(server: Server, ms: number): Promise<number | undefined> {
  server.child.send("in-flight");
  return message(
    server.child,
    (m): m is { inFlight: number } => typeof (m as { inFlight?: unknown }).inFlight === "number",
    ms,
  ).then(
    (reply) => reply.inFlight,
    () => undefined,
  );
}

/** Seconds until the server has answered every request it took, or undefined after `ms`. */
async function whenIdle(server: Server, ms: number): Promise<number | undefined> {
  const asked = Date.now();
  server.child.send("when-idle");
  return message(
    server.child,
    (m): m is { idle: true } => (m as { idle?: unknown }).idle === true,
    ms,
  ).then(
    () => (Date.now() - asked) / 1000,
    () => undefined,
  );
}

interface Measurement {
  answer: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  completed: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  rssIdle: number;
  rssPeak: number;
  rssAfter: number;
  /** The peak from the start of the load to the reading of rssAfter (draining included). */
  rssPeakOverall: number;
  /** Seconds the server kept answering abandoned requests after the load stopped (to --drain). */
  drained: number | undefined;
  /** Requests still in flight when the RSS after was read; undefined: the server did not say. */
  inFlightAfter: number | undefined;
}

async function measure(
  orm: ShopOrm | "none",
  question: Question,
  shop: string,
  connections: number,
): Promise<Measurement> {
  const server = await startServer(orm, question, shop);
  try {
    const url = `http://127.0.0.1:${server.port}/`;
    // Warm-up: the first queries compile, connect and fill caches; the answer is checked.
    let answer = "";
    for (let i = 0; i < 3; i++) {
      const response = await fetch(url);
      answer = await response.text();
      if (response.status !== 200)
        throw new Error(`${orm}: warm-up answered ${response.status}: ${answer}`);
    }
    const pid = server.child.pid!;
    const rssIdle = memoryOf(pid).rss;
    if (!resetPeak(pid)) peakNote = "VmHWM could not be reset: peaks are 50 ms samples of VmRSS";
    let sampled = rssIdle;
    const sampler = setInterval(() => (sampled = Math.max(sampled, memoryOf(pid).rss)), 50);
    const result = await autocannon({
      url,
      connections,
      duration: durationSeconds,
      timeout: timeoutSeconds,
      maxOverallRequests: maxRequests,
    });
    clearInterval(sampler);
    const { hwm } = memoryOf(pid);
    // The requests the load generator gave up on are still being answered: wait for them (up
    // to --drain), then leave the server alone for --settle before reading its RSS.
    const drained = await whenIdle(server, drainSeconds * 1000);
    await sleep(settleSeconds * 1000);
    const { rss: rssAfter, hwm: rssPeakOverall } = memoryOf(pid);
    const inFlightAfter = drained === undefined ? await inFlight(server, 2000) : 0;
    const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
    return {
      answer,
      requestsPerSecond: result.requests.total / seconds,
      p50: result.latency.p50,
      p99: result.latency.p99,
      completed: result.requests.total,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      rssIdle,
      rssPeak: Math.max(sampled, hwm),
      rssAfter,
      rssPeakOverall: Math.max(sampled, hwm, rssPeakOverall),
      drained,
      inFlightAfter,
    };
  } finally {
    await stopServer(server);
    const stderr = server.stderr();
    if (stderr) process.stderr.write(`${orm} server said:\n${stderr}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The databases.

let database = "";
/** What serves the database, for the report's first line. */
let databaseDescription = "SQLite (one file)";
let peakNote = "";

async function openDatabase(): Promise<() => Promise<void>> {
  if (db === "sqlite") {
    database = path.join(CACHE, "students.db");
    seedDatabase(database, seed);
    return async () => {};
  }
  // PGlite runs PostgreSQL in its caller's event loop: in a process of its own, so that it
  // competes with neither the load generator nor the server being measured. A PostgreSQL server
  // is started from one too, which stops it when this process goes, however it ends.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", POSTGRES, String(matching), postgresKind],
    {
      cwd: ROOT,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    },
  );
  const { url, description } = await message(
    child,
    (m): m is { url: string; description: string } =>
      typeof (m as { url?: unknown }).url === "string",
    300_000,
  );
  database = url;
  databaseDescription = `${description}, every ORM's pool of ${pool} connection${pool === 1 ? "" : "s"}`;
  return async () => {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.disconnect();
    await exited;
  };
}

// ---------------------------------------------------------------------------------------------
// The report.

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const latency = (ms: number) => (ms === 0 ? "<1 ms" : `${ms.toLocaleString("en-US")} ms`);
const rate = (perSecond: number) =>
  perSecond < 10 ? perSecond.toFixed(1) : Math.round(perSecond).toLocaleString("en-US");
/** `a / b` (∞ when b is 0). */
function ratio(a: number, b: number): number {
  return a / Math.max(b, Number.EPSILON);
}
const times = (value: number, digits = 1) =>
  Number.isFinite(value) ? `${value < 10 ? value.toFixed(digits) : Math.round(value)}×` : "∞";
/** autocannon counts a timeout as an error too. */
function failures(m: Measurement): string {
  const parts = [];
  if (m.timeouts) parts.push(`${m.timeouts} timeout${m.timeouts === 1 ? "" : "s"}`);
  if (m.errors > m.timeouts) parts.push(`${m.errors - m.timeouts} other errors`);
  if (m.non2xx) parts.push(`${m.non2xx} non-2xx`);
  return parts.length ? parts.join(", ") : "0";
}
function after(m: Measurement): string {
  const notes = [];
  if (m.drained === undefined)
    notes.push(
      m.inFlightAfter === 0
        ? `busy over ${drainSeconds} s after the load`
        : `still busy: ${m.inFlightAfter === undefined ? "no answer" : `${m.inFlightAfter} in flight`}`,
    );
  else if (m.drained >= 1) notes.push(`busy ${m.drained.toFixed(0)} s after the load`);
  // Answering the requests the load generator gave up on can raise the peak further.
  if (m.rssPeakOverall > m.rssPeak * 1.05) notes.push(`peak ${mb(m.rssPeakOverall)} meanwhile`);
  return `${mb(m.rssAfter)}${notes.length ? ` (${notes.join("; ")})` : ""}`;
}

const GOALS = { throughput: 20, p99: 20, peakRss: 2 };

async function main(): Promise<void> {
  mkdirSync(CACHE, { recursive: true });
  const closeDatabase = await openDatabase();
  try {
    const eagerShop = path.join(CACHE, "eager");
    const lazyShop = path.join(CACHE, "lazy");
    deployShop(eagerShop);
    rmSync(lazyShop, { recursive: true, force: true });
    cpSync(eagerShop, lazyShop, { recursive: true });
    const rewrites = rewriteShop(eagerShop, lazyShop);
    process.stdout.write(
      `lazymod --write rewrote, in the copy of examples/legacy-shop served as the lazy endpoint:\n\n${rewrites.map(describeRewrite).join("\n\n")}\n\n`,
    );

    const loadBefore = os.loadavg()[0]!;
    const lines = [
      "| endpoint | connections | req/s eager → lazy | ratio | p50 eager → lazy | p99 eager → lazy | ratio | errors eager / lazy | RSS idle → peak during the load, eager / lazy | peak ratio | RSS " +
        `${settleSeconds} s after, eager / lazy |`,
      "|---|---|---|---|---|---|---|---|---|---|---|",
    ];
    const verdicts: string[] = [];
    for (const connections of connectionCounts) {
      const floor = await measure("none", "any", eagerShop, connections);
      lines.push(
        `| no database call (the HTTP floor) | ${connections} | ${rate(floor.requestsPerSecond)} | | ${latency(floor.p50)} | ${latency(floor.p99)} | | ${failures(floor)} | ${mb(floor.rssIdle)} → ${mb(floor.rssPeak)} | | ${after(floor)} |`,
      );
      process.stderr.write(`${lines.at(-1)}\n`);
    }
    for (const orm of orms) {
      const label = SHOP_ORMS.find((o) => o.id === orm)!.label;
      for (const question of questions) {
        for (const connections of connectionCounts) {
          const eager = await measure(orm, question, eagerShop, connections);
          const lazy = await measure(orm, question, lazyShop, connections);
          if (eager.answer !== lazy.answer)
            throw new Error(
              `${label} ${question}: eager answered ${eager.answer}, lazy ${lazy.answer}`,
            );
          const throughput = ratio(lazy.requestsPerSecond, eager.requestsPerSecond);
          const p99 = ratio(eager.p99, Math.max(lazy.p99, 1));
          const peak = ratio(eager.rssPeak, lazy.rssPeak);
          lines.push(
            `| ${label}: ${QUESTIONS[question].label} | ${connections} | ${rate(eager.requestsPerSecond)} → ${rate(lazy.requestsPerSecond)} | ${times(throughput)} | ${latency(eager.p50)} → ${latency(lazy.p50)} | ${latency(eager.p99)} → ${latency(lazy.p99)} | ${times(p99)} | ${failures(eager)} / ${failures(lazy)} | ${mb(eager.rssIdle)} → ${mb(eager.rssPeak)} / ${mb(lazy.rssIdle)} → ${mb(lazy.rssPeak)} | ${times(peak)} | ${after(eager)} / ${after(lazy)} |`,
          );
          if (connections === 50) {
            const missed = [
              throughput < GOALS.throughput &&
                `throughput ${times(throughput, 2)} < ${GOALS.throughput}×`,
              p99 < GOALS.p99 && `p99 ${times(p99, 2)} < ${GOALS.p99}×`,
              peak < GOALS.peakRss && `peak RSS ${times(peak, 2)} < ${GOALS.peakRss}×`,
            ].filter(Boolean);
            verdicts.push(
              `- ${label} (${QUESTIONS[question].label}): ${missed.length ? `missed: ${missed.join("; ")}` : "every goal met"}`,
            );
          }
          process.stderr.write(`${lines.at(-1)}\n`);
        }
      }
    }
    const loadAfter = os.loadavg()[0]!;
    process.stdout.write(
      [
        `${matching} of ${seed.students} students (16 columns) match \`age > 20\`, on ${databaseDescription}; ` +
          `autocannon ${durationSeconds} s per cell on 127.0.0.1, timeout ${timeoutSeconds} s, at most ${maxRequests} requests; ` +
          `each cell a fresh server, after 3 warm-up requests; eager and lazy back to back. ` +
          `Node ${process.versions.node}, ${os.cpus().length} cores, load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after.` +
          (peakNote ? ` ${peakNote}.` : ""),
        "",
        ...lines,
        "",
        `Goals at 50 connections (throughput ≥${GOALS.throughput}×, p99 ≥${GOALS.p99}× lower, peak RSS ≥${GOALS.peakRss}× lower):`,
        ...(verdicts.length ? verdicts : ["- (no cell at 50 connections in this run)"]),
        "",
      ].join("\n"),
    );
  } finally {
    await closeDatabase();
  }
}

await main();
