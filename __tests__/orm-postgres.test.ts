import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedPostgres, startPostgres, type PostgresServer } from "./helpers/orm/postgres.js";
import { seedDatabase, TEST_DATA } from "./helpers/orm/seed.js";

const STUDENTS = "SELECT * FROM students ORDER BY id";
const ENROLLMENTS = 'SELECT "studentId", course, grade FROM enrollments ORDER BY id';

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

describe("startPostgres / seedPostgres", () => {
  let server: PostgresServer;
  let dir: string;
  beforeAll(async () => {
    server = await startPostgres();
    await seedPostgres(server.url, TEST_DATA);
    dir = mkdtempSync(path.join(tmpdir(), "lazymod-pg-"));
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves PostgreSQL on 127.0.0.1 at the port in its URL", async () => {
    expect(server.url).toBe(`postgresql://postgres@127.0.0.1:${server.port}/postgres`);
    const [row] = await query(server.url, "SELECT version() AS v");
    expect(String(row!.v)).toMatch(/^PostgreSQL \d+/);
  });

  it("holds the same students and enrollments as the SQLite seed, row for row", async () => {
    const file = path.join(dir, "school.db");
    seedDatabase(file, TEST_DATA);
    const sqlite = new Database(file, { readonly: true });
    try {
      expect(await query(server.url, STUDENTS)).toStrictEqual(sqlite.prepare(STUDENTS).all());
      expect(await query(server.url, ENROLLMENTS)).toStrictEqual(sqlite.prepare(ENROLLMENTS).all());
    } finally {
      sqlite.close();
    }
  });

  it("uses the age index, as on SQLite", async () => {
    const rows = await query(
      server.url,
      "SELECT indexdef FROM pg_indexes WHERE tablename = 'students'",
    );
    expect(rows.map((r) => r.indexdef)).toContainEqual(
      expect.stringMatching(/students_age .*\(age\)/),
    );
  });

  it("accepts a new pool right after the previous one ended, many times over", async () => {
    // A pool's end() resolves before the server has seen the connection close.
    for (let i = 0; i < 10; i++) {
      const pool = new pg.Pool({ connectionString: server.url, max: 1 });
      expect((await pool.query("SELECT $1::int AS i", [i])).rows).toEqual([{ i }]);
      await pool.end();
    }
  });

  it("re-seeds in place: the tables are replaced, not appended to", async () => {
    await seedPostgres(server.url, { students: 3, ageOf: (id) => id });
    expect(await query(server.url, "SELECT id, age FROM students ORDER BY id")).toEqual([
      { id: 1, age: 1 },
      { id: 2, age: 2 },
      { id: 3, age: 3 },
    ]);
    expect(await query(server.url, "SELECT count(*)::int AS n FROM enrollments")).toEqual([
      { n: 0 },
    ]);
    await seedPostgres(server.url, TEST_DATA);
  });

  it("stops: the port no longer accepts connections", async () => {
    const other = await startPostgres();
    expect(other.port).not.toBe(server.port);
    expect(await canConnect(other.port)).toBe(true);
    await other.stop();
    expect(await canConnect(other.port)).toBe(false);
  }, 60_000);
});
