// One measurement in a fresh process: `node --import tsx --expose-gc bench/orm-measure.ts
// <module> <function> <orm> <database>`, the database a SQLite file or a `postgresql://` URL.
// Opens the ORM, warms it up with a one-row query, then times one call of the function and
// prints what it cost as JSON.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

const [modulePath, functionName, orm, database] = process.argv.slice(2);
if (!modulePath || !functionName || !orm || !database) {
  throw new Error("usage: orm-measure <module> <function> <orm> <database>");
}

/** Rows the drivers hand to the ORM, counted where they leave the driver. */
let rowsFromDriver = 0;
const require = createRequire(import.meta.url);
const postgres = database.startsWith("postgresql://");

/**
 * This process's peak RSS in bytes. On Linux, VmHWM: getrusage's maxRSS survives exec, so a child
 * would report at least what the parent held when it forked (the PostgreSQL server, for one).
 */
function peakRss(): number {
  try {
    const status = readFileSync("/proc/self/status", "utf8");
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

/** node-postgres, which every ORM here uses on PostgreSQL: each data row its parser hands on. */
function countPgRows(): void {
  const { Query } = require("pg") as { Query: { prototype: Record<string, unknown> } };
  const handleDataRow = Query.prototype.handleDataRow as (...args: unknown[]) => unknown;
  Query.prototype.handleDataRow = function (this: unknown, ...args: unknown[]) {
    rowsFromDriver += 1;
    return handleDataRow.apply(this, args);
  };
}

function countBetterSqlite3Rows(): void {
  const Database = require("better-sqlite3") as new (file: string) => {
    prepare(sql: string): object;
    close(): void;
  };
  const probe = new Database(":memory:");
  const proto = Object.getPrototypeOf(probe.prepare("select 1")) as Record<string, unknown>;
  probe.close();
  const all = proto.all as (...args: unknown[]) => unknown[];
  const get = proto.get as (...args: unknown[]) => unknown;
  const iterate = proto.iterate as (...args: unknown[]) => Iterable<unknown>;
  proto.all = function (this: unknown, ...args: unknown[]) {
    const rows = all.apply(this, args);
    rowsFromDriver += rows.length;
    return rows;
  };
  proto.get = function (this: unknown, ...args: unknown[]) {
    const row = get.apply(this, args);
    if (row !== undefined) rowsFromDriver += 1;
    return row;
  };
  proto.iterate = function* (this: unknown, ...args: unknown[]) {
    for (const row of iterate.apply(this, args)) {
      rowsFromDriver += 1;
      yield row;
    }
  };
}

async function countSqlite3Rows(): Promise<void> {
  // The module object the Sequelize helper hands to Sequelize (an ES module's default export).
  const sqlite3 = (
    (await import("sqlite3")) as unknown as {
      default: { Database: { prototype: Record<string, unknown> } };
    }
  ).default;
  const proto = sqlite3.Database.prototype;
  const all = proto.all as (...args: unknown[]) => unknown;
  proto.all = function (this: unknown, ...args: unknown[]) {
    const callback = args[args.length - 1];
    if (typeof callback === "function") {
      args[args.length - 1] = function (this: unknown, error: unknown, rows?: unknown[]) {
        rowsFromDriver += rows?.length ?? 0;
        return (callback as (...a: unknown[]) => unknown).call(this, error, rows);
      };
    }
    return all.apply(this, args);
  };
}

async function open(): Promise<{
  db: Record<string, unknown>;
  warmUp: () => Promise<unknown>;
  close: () => Promise<unknown>;
}> {
  switch (orm) {
    case "prisma": {
      const { openPrisma, openPrismaPostgres } = await import("../__tests__/helpers/orm/prisma.js");
      const { db, close } = await (postgres ? openPrismaPostgres : openPrisma)(database!);
      const prisma = db.prisma as unknown as {
        student: { findUnique(a: object): Promise<unknown> };
      };
      return { db, close, warmUp: () => prisma.student.findUnique({ where: { id: 1 } }) };
    }
    case "typeorm": {
      const { openTypeOrm, openTypeOrmPostgres } =
        await import("../__tests__/helpers/orm/typeorm.js");
      const { db, close } = await (postgres ? openTypeOrmPostgres : openTypeOrm)(database!);
      return { db, close, warmUp: () => db.studentRepository.findOneBy({ id: 1 }) };
    }
    case "sequelize6":
    case "sequelize7": {
      const { openSequelize, openSequelizePostgres } =
        await import("../__tests__/helpers/orm/sequelize.js");
      const version = orm === "sequelize6" ? 6 : 7;
      const { db, close } = await (postgres ? openSequelizePostgres : openSequelize)(
        database!,
        version,
      );
      return { db, close, warmUp: () => db.Student.findByPk(1) };
    }
    case "knex": {
      const { openKnex, openKnexPostgres } = await import("../__tests__/helpers/orm/knex.js");
      const { db, close } = await (postgres ? openKnexPostgres : openKnex)(database!);
      return { db, close, warmUp: () => db.knex("students").where("id", 1).first() };
    }
    case "drizzle": {
      const { openDrizzle, openDrizzlePostgres } =
        await import("../__tests__/helpers/orm/drizzle.js");
      const { eq } = await import("drizzle-orm");
      if (postgres) {
        const { db, close } = await openDrizzlePostgres(database!);
        return {
          db,
          close,
          warmUp: () => db.db.select().from(db.students).where(eq(db.students.id, 1)),
        };
      }
      const { db, close } = await openDrizzle(database!);
      return {
        db,
        close,
        warmUp: () => db.db.select().from(db.students).where(eq(db.students.id, 1)),
      };
    }
    default:
      throw new Error(`unknown ORM ${orm}`);
  }
}

if (postgres) countPgRows();
else if (!orm.startsWith("sequelize")) countBetterSqlite3Rows();

const cases = (await import(pathToFileURL(modulePath).href)) as Record<
  string,
  (db: unknown, minAge: number) => Promise<unknown>
>;
const run = cases[functionName];
if (!run) throw new Error(`${modulePath} has no function ${functionName}`);
const { db, warmUp, close } = await open();
// Only once Sequelize is loaded: @sequelize/sqlite3's own `require("sqlite3")` can evaluate the
// module a second time (under tsx), and that redefines the methods on the shared native class.
if (!postgres && orm.startsWith("sequelize")) await countSqlite3Rows();
await warmUp();

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");
gc();
const heapBefore = process.memoryUsage().heapUsed;
const peakRssBefore = peakRss();
const rowsBefore = rowsFromDriver;
const start = performance.now();
const answer = await run(db, 20);
const wallMs = performance.now() - start;
const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
const peakRssAfter = peakRss();
const rows = rowsFromDriver - rowsBefore;
await close();
const peakRssGrowth = peakRssAfter - peakRssBefore;
process.stdout.write(
  `${JSON.stringify({ wallMs, peakRss: peakRssAfter, peakRssGrowth, heapGrowth, rows, answer })}\n`,
);
