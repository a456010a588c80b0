import { PGlite } from "@electric-sql/pglite";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import pg from "pg";
import { NAME_COLUMNS, seedStudents, type SeedOptions } from "./seed.js";

export interface PostgresServer {
  port: number;
  /** `postgresql://postgres@127.0.0.1:<port>/postgres` (PGlite needs no password). */
  url: string;
  /** Closes the connections, the listening socket and the database. */
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL (PGlite: PostgreSQL compiled to WebAssembly, in this process, in memory) served
 * on the wire protocol by PGLiteSocketServer on 127.0.0.1 and a free port, for the ORM proofs and
 * benchmarks without a server install.
 *
 * ONE CONNECTION AT A TIME: PGlite is a single PostgreSQL backend, one session running one query
 * at a time. Every client and pool on `url` must have a size of 1 (`pg.Pool({ max: 1 })`,
 * Sequelize `pool: { max: 1 }`, Knex `pool: { min: 0, max: 1 }`, TypeORM `extra: { max: 1 }`,
 * PrismaPg `{ max: 1 }`), and a test or benchmark opens one client at a time: connections beyond
 * the first would share that one session (its settings, its named prepared statements), which no
 * real PostgreSQL does. The server still accepts a few connections (SPARE_CONNECTIONS), only because
 * it sees a client's close a moment after the client does: with a limit of exactly 1, the next
 * client's connect would often be turned away ("Too many connections").
 */
const SPARE_CONNECTIONS = 4;

export async function startPostgres(): Promise<PostgresServer> {
  const db = await freshDatabase();
  // Port 0: the kernel picks a free port, which the server reads back once it listens.
  const server = new PGLiteSocketServer({
    db,
    host: "127.0.0.1",
    port: 0,
    maxConnections: SPARE_CONNECTIONS,
  });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const port = Number(server.getServerConn().split(":").pop());
  return {
    port,
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}

const ROOT = path.resolve(import.meta.dirname, "../../..");

/**
 * A new, empty database. Creating one runs initdb (3–6 s here), so the first one's data directory
 * is kept in .cache, per PGlite version, and later ones start from a copy of it (about 1 s).
 */
async function freshDatabase(): Promise<PGlite> {
  const manifest = path.join(ROOT, "node_modules/@electric-sql/pglite/package.json");
  const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
  const file = path.join(ROOT, `.cache/pglite/initdb-${version}.tar`);
  if (existsSync(file)) {
    try {
      return await PGlite.create({ loadDataDir: new Blob([readFileSync(file)]) });
    } catch {
      // A damaged copy: start over and replace it.
    }
  }
  const db = await PGlite.create();
  const dump = Buffer.from(await (await db.dumpDataDir("none")).arrayBuffer());
  // Whole or not at all, as several test files may write it at once.
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, dump);
  renameSync(temporary, file);
  return db;
}

/** Rows per INSERT: 17 parameters a student stays far below PostgreSQL's 65,535 a statement. */
const BATCH = 1000;

async function insertRows(
  client: pg.Client,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const values = batch.map(
      (row, r) => `(${row.map((_, c) => `$${r * columns.length + c + 1}`).join(", ")})`,
    );
    await client.query(
      `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${values.join(", ")}`,
      batch.flat(),
    );
  }
}

/**
 * Replaces `students` and `enrollments` in the database at `url` with the same tables and rows that
 * seedDatabase gives SQLite (seedStudents), in one transaction. `studentId` is quoted so that it
 * keeps its case, as the ORMs name it. Opens one connection and closes it before returning.
 */
export async function seedPostgres(url: string, options: SeedOptions): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("DROP TABLE IF EXISTS enrollments, students");
    await client.query(`CREATE TABLE students (
      id INTEGER PRIMARY KEY,
      ${NAME_COLUMNS.map((c) => `"${c}" TEXT NOT NULL`).join(",\n      ")},
      age INTEGER NOT NULL
    )`);
    await client.query(`CREATE TABLE enrollments (
      id SERIAL PRIMARY KEY,
      "studentId" INTEGER NOT NULL REFERENCES students(id),
      course TEXT NOT NULL,
      grade INTEGER
    )`);
    await client.query("CREATE INDEX students_age ON students(age)");
    const students: unknown[][] = [];
    const enrollments: unknown[][] = [];
    for (const { id, names, age, enrollments: own } of seedStudents(options)) {
      students.push([id, ...names, age]);
      for (const { course, grade } of own) enrollments.push([id, course, grade]);
    }
    await insertRows(client, "students", ["id", ...NAME_COLUMNS, "age"], students);
    await insertRows(client, "enrollments", ["studentId", "course", "grade"], enrollments);
    await client.query("COMMIT");
    // Fresh statistics, as a long-lived production table would have, so plans are realistic.
    await client.query("ANALYZE students");
    await client.query("ANALYZE enrollments");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
