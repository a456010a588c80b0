// One measurement in a fresh process: `node --import tsx --expose-gc bench/orm-measure.ts
// <module> <function> <orm> <database>`. Opens the ORM, warms it up with a one-row query, then
// times one call of the function and prints what it cost as JSON.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

const [modulePath, functionName, orm, database] = process.argv.slice(2);
if (!modulePath || !functionName || !orm || !database) {
  throw new Error("usage: orm-measure <module> <function> <orm> <database>");
}

/** Rows the SQLite drivers hand to the ORM, counted where they leave the driver. */
let rowsFromDriver = 0;
const require = createRequire(import.meta.url);

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
      const { openPrisma } = await import("../__tests__/helpers/orm/prisma.js");
      const { db, close } = await openPrisma(database!);
      const prisma = db.prisma as unknown as {
        student: { findUnique(a: object): Promise<unknown> };
      };
      return { db, close, warmUp: () => prisma.student.findUnique({ where: { id: 1 } }) };
    }
    case "typeorm": {
      const { openTypeOrm } = await import("../__tests__/helpers/orm/typeorm.js");
      const { db, close } = await openTypeOrm(database!);
      return { db, close, warmUp: () => db.studentRepository.findOneBy({ id: 1 }) };
    }
    case "sequelize6":
    case "sequelize7": {
      const { openSequelize } = await import("../__tests__/helpers/orm/sequelize.js");
      const { db, close } = await openSequelize(database!, orm === "sequelize6" ? 6 : 7);
      return { db, close, warmUp: () => db.Student.findByPk(1) };
    }
    case "knex": {
      const { openKnex } = await import("../__tests__/helpers/orm/knex.js");
      const { db, close } = await openKnex(database!);
      return { db, close, warmUp: () => db.knex("students").where("id", 1).first() };
    }
    case "drizzle": {
      const { openDrizzle } = await import("../__tests__/helpers/orm/drizzle.js");
      const { eq } = await import("drizzle-orm");
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

if (!orm.startsWith("sequelize")) countBetterSqlite3Rows();

const cases = (await import(pathToFileURL(modulePath).href)) as Record<
  string,
  (db: unknown, minAge: number) => Promise<unknown>
>;
const run = cases[functionName];
if (!run) throw new Error(`${modulePath} has no function ${functionName}`);
const { db, warmUp, close } = await open();
// Only once Sequelize is loaded: @sequelize/sqlite3's own `require("sqlite3")` can evaluate the
// module a second time (under tsx), and that redefines the methods on the shared native class.
if (orm.startsWith("sequelize")) await countSqlite3Rows();
await warmUp();

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");
gc();
const heapBefore = process.memoryUsage().heapUsed;
const peakRssBefore = process.resourceUsage().maxRSS * 1024;
const rowsBefore = rowsFromDriver;
const start = performance.now();
const answer = await run(db, 20);
const wallMs = performance.now() - start;
const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
const peakRss = process.resourceUsage().maxRSS * 1024;
const rows = rowsFromDriver - rowsBefore;
await close();
const peakRssGrowth = peakRss - peakRssBefore;
process.stdout.write(
  `${JSON.stringify({ wallMs, peakRss, peakRssGrowth, heapGrowth, rows, answer })}\n`,
);
