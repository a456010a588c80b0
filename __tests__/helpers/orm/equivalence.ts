import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transformSource } from "../../../src/core/engine.js";
import { transformsById } from "../../../transforms/index.js";
import { discoverFixtures, type FixtureCase } from "../fixtures.js";
import { seedPostgres, startPostgres, type PostgresServer } from "./postgres.js";
import { startPostgresServer } from "./postgres-server.js";
import { seedDatabase, TEST_DATA } from "./seed.js";

/** Ages the fixtures' functions are called with: 90 matches, 10 matches, none. */
export const MIN_AGES = [20, 28, 1000] as const;

export type Opened = { db: unknown; close: () => Promise<unknown> };

/**
 * Runnable fixtures of one ORM: `__testfixtures__/<transform>/<orm>-<what it pins>.input.ts` with an
 * output. Their exported functions take the ORM's handles and a minimum age. In
 * `<orm>-hazards-<hazard>` fixtures every function shows a risk that keeps its change out of the low
 * band.
 */
export function runnableFixtures(orm: string): {
  equivalent: FixtureCase[];
  hazards: FixtureCase[];
} {
  const cases = discoverFixtures().filter(
    (f) => f.output !== undefined && (f.name === orm || f.name.startsWith(`${orm}-`)),
  );
  return {
    equivalent: cases.filter((f) => !f.name.includes("hazard")),
    hazards: cases.filter((f) => f.name.includes("hazard")),
  };
}

type FixtureModule = Record<string, unknown>;

async function importFixture(
  file: string,
): Promise<Record<string, (...args: unknown[]) => unknown>> {
  const module = (await import(pathToFileURL(file).href)) as FixtureModule;
  const functions: Record<string, (...args: unknown[]) => unknown> = {};
  for (const [name, value] of Object.entries(module))
    if (typeof value === "function") functions[name] = value as (...args: unknown[]) => unknown;
  return functions;
}

/** What a call observably did: its value (rows as plain data) or the error it threw. */
async function outcome(run: () => unknown): Promise<unknown> {
  try {
    return { value: plain(await run()) };
  } catch (error) {
    return { threw: error instanceof Error ? error.message : String(error) };
  }
}

/** Sequelize instances become their plain values; arrays and objects are copied; null ≠ undefined. */
export function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") {
    const model = value as { get?: (options: object) => unknown; dataValues?: unknown };
    if (typeof model.get === "function" && model.dataValues)
      return plain(model.get({ plain: true }));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/** The exported function a change sits in, by line. */
function functionAtLine(source: string, line: number): string | undefined {
  let found: string | undefined;
  source.split("\n").forEach((text, index) => {
    const match = /^export (?:async )?function (\w+)/.exec(text);
    if (match && index + 1 <= line) found = match[1];
  });
  return found;
}

/** How the fixtures' handles are opened on each database. */
export interface OrmDatabases {
  sqlite: { label: string; open: (file: string) => Promise<Opened> };
  postgres: { label: string; open: (url: string) => Promise<Opened> };
}

/**
 * With LAZYMOD_TEST_POSTGRES=server, the proofs run on the machine's own PostgreSQL server (Debian's
 * postgresql package; see postgres-server.ts) instead of PGlite: a second PostgreSQL, by hand.
 */
const ON_SERVER = process.env.LAZYMOD_TEST_POSTGRES === "server";

/**
 * One PostgreSQL server for the whole test file (a file's module state is its own), started and
 * seeded with TEST_DATA when a suite first needs it, stopped after the file's last test.
 */
let postgres: Promise<PostgresServer> | undefined;
let postgresStopRegistered = false;

export function sharedPostgres(): () => Promise<PostgresServer> {
  if (!postgresStopRegistered) {
    postgresStopRegistered = true;
    afterAll(async () => {
      const server = postgres;
      postgres = undefined;
      await (await server)?.stop();
    });
  }
  return () =>
    (postgres ??= (ON_SERVER ? startPostgresServer() : startPostgres()).then(async (server) => {
      await seedPostgres(server.url, TEST_DATA);
      return server;
    }));
}

type Database = "sqlite" | "postgres";

const DATABASE_NAMES: Record<Database, string> = {
  sqlite: "SQLite",
  postgres: ON_SERVER ? "PostgreSQL (server)" : "PostgreSQL (PGlite)",
};

/** The fixture's functions that use an API the database lacks (see Directives.sqliteOnly). */
function unavailableOn(database: Database, fixture: FixtureCase): ReadonlySet<string> {
  const { sqliteOnly = [], postgresOnly = [] } = fixture.directives;
  return new Set(database === "sqlite" ? postgresOnly : sqliteOnly);
}

/**
 * Every change in these functions of the fixture is out of the low band and has a risk factor
 * whose reason names PostgreSQL, the database its rewrite is not safe on.
 */
function expectHeldBackNamingPostgres(fixture: FixtureCase, functions: readonly string[]): void {
  const transform = transformsById.get(fixture.transform)!;
  const { changes } = transformSource(fixture.input, {
    path: fixture.inputPath,
    transforms: [transform],
    maxRisk: 100,
    settings: fixture.settings,
  });
  for (const name of functions) {
    const own = changes.filter((c) => functionAtLine(fixture.input, c.line) === name);
    expect(own.length, `${name} has a change`).toBeGreaterThan(0);
    for (const change of own) {
      expect(change.risk.band, `${name}: ${change.risk.score}`).not.toBe("low");
      const reasons = change.risk.factors.map((f) => transform.riskFactors?.[f.id]?.reason ?? "");
      expect(
        reasons.some((r) => r.includes("PostgreSQL")),
        `${name}: ${reasons.join(" | ")}`,
      ).toBe(true);
    }
  }
}

/** A fresh SQLite file seeded with TEST_DATA, open; closing also deletes it. */
async function openSqlite(orm: string, databases: OrmDatabases): Promise<Opened> {
  const dir = mkdtempSync(path.join(tmpdir(), `lazymod-${orm}-`));
  const file = path.join(dir, "school.db");
  seedDatabase(file, TEST_DATA);
  const opened = await databases.sqlite.open(file);
  return {
    db: opened.db,
    close: async () => {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * For every runnable fixture of an ORM: the original and the rewritten module, run against the
 * same seeded database through the real ORM, agree on every exported function and age, on SQLite
 * and on PostgreSQL; every hazard fixture's function does not (while its change stays out of the
 * low band); and a fixture that pins a database difference answers differently on the two.
 */
export function describeOrmEquivalence(orm: string, databases: OrmDatabases) {
  const server = sharedPostgres();
  describeOn("sqlite", databases.sqlite.label, orm, () => openSqlite(orm, databases));
  describeOn(
    "postgres",
    databases.postgres.label,
    orm,
    async () => databases.postgres.open((await server()).url),
    () => openSqlite(orm, databases),
  );
}

function describeOn(
  database: Database,
  label: string,
  orm: string,
  open: () => Promise<Opened>,
  openSqliteToo?: () => Promise<Opened>,
) {
  const { equivalent, hazards } = runnableFixtures(orm);
  describe(`${label}: original and rewritten fixtures on a real ${DATABASE_NAMES[database]} database`, () => {
    let opened: Opened;
    beforeAll(async () => {
      opened = await open();
    }, 60_000);
    afterAll(async () => {
      await opened?.close();
    });

    it("has runnable fixtures", () => {
      expect(equivalent.length).toBeGreaterThan(0);
    });

    it.each(equivalent.map((f) => [`${f.transform}/${f.name}`, f] as const))(
      "%s: every function returns the same before and after (postgres-differs ones: not on PostgreSQL)",
      async (_name, fixture) => {
        const before = await importFixture(fixture.inputPath);
        const after = await importFixture(fixture.inputPath.replace(".input.", ".output."));
        const unavailable = unavailableOn(database, fixture);
        expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
        expect(Object.keys(before).length).toBeGreaterThan(0);
        for (const name of unavailable) expect(before, `${name} is exported`).toHaveProperty(name);
        const unsafe = fixture.directives.postgresDiffers ?? [];
        for (const name of unsafe) expect(before, `${name} is exported`).toHaveProperty(name);
        if (unsafe.length > 0) expectHeldBackNamingPostgres(fixture, unsafe);
        for (const [name, original] of Object.entries(before)) {
          const seen = new Set<string>();
          const differing: [number, boolean][] = [];
          for (const minAge of MIN_AGES) {
            const expected = await outcome(() => original(opened.db, minAge));
            const actual = await outcome(() => after[name]!(opened.db, minAge));
            if (database === "postgres" && fixture.directives.postgresDiffers?.includes(name)) {
              differing.push([minAge, JSON.stringify(expected) !== JSON.stringify(actual)]);
              continue;
            }
            if (unavailable.has(name)) {
              // An API this database lacks: both fail, with messages that quote their own code.
              expect(expected, `${name}(db, ${minAge}) before`).toHaveProperty("threw");
              expect(actual, `${name}(db, ${minAge}) after`).toHaveProperty("threw");
              continue;
            }
            expect(actual, `${name}(db, ${minAge})`).toStrictEqual(expected);
            seen.add(JSON.stringify(expected));
          }
          if (differing.length > 0) {
            // Not safe on this database: the rewrite's answer is another one, for some age.
            expect(
              differing.some(([, differs]) => differs),
              `${name} differs`,
            ).toBe(true);
            continue;
          }
          // The data must tell answers apart, or agreeing would prove nothing.
          if (!unavailable.has(name))
            expect(seen.size, `${name} gives the same outcome for every age`).toBeGreaterThan(1);
        }
      },
    );

    const differing = equivalent.filter((f) => f.directives.databasesDiffer);
    if (openSqliteToo)
      it.each(differing.map((f) => [`${f.transform}/${f.name}`, f] as const))(
        "%s: SQLite and PostgreSQL answer differently (the case pins a database difference)",
        async (_name, fixture) => {
          const before = await importFixture(fixture.inputPath);
          const sqlite = await openSqliteToo();
          const answers: string[] = [];
          try {
            for (const [name, original] of Object.entries(before))
              for (const minAge of MIN_AGES) {
                const onSqlite = await outcome(() => original(sqlite.db, minAge));
                const onPostgres = await outcome(() => original(opened.db, minAge));
                if (JSON.stringify(onSqlite) !== JSON.stringify(onPostgres))
                  answers.push(`${name}(db, ${minAge})`);
              }
          } finally {
            await sqlite.close();
          }
          expect(answers, "functions answering differently").not.toEqual([]);
        },
      );

    it.each(hazards.map((f) => [`${f.transform}/${f.name}`, f] as const))(
      "%s: every function's hazard is real, and its change is held back by default",
      async (_name, fixture) => {
        const before = await importFixture(fixture.inputPath);
        const after = await importFixture(fixture.inputPath.replace(".input.", ".output."));
        const { changes } = transformSource(fixture.input, {
          path: fixture.inputPath,
          transforms: [transformsById.get(fixture.transform)!],
          maxRisk: 100,
          settings: fixture.settings,
        });
        expect(Object.keys(before).length).toBeGreaterThan(0);
        for (const [name, original] of Object.entries(before)) {
          const own = changes.filter((c) => functionAtLine(fixture.input, c.line) === name);
          expect(own.length, `${name} has a change`).toBeGreaterThan(0);
          for (const change of own)
            expect(change.risk.band, `${name}: ${change.risk.score}`).not.toBe("low");
          const outcomes = [];
          for (const minAge of MIN_AGES) {
            outcomes.push([
              await outcome(() => original(opened.db, minAge)),
              await outcome(() => after[name]!(opened.db, minAge)),
            ]);
          }
          const differs = outcomes.some(
            ([a, b]) =>
              JSON.stringify(a) !== JSON.stringify(b) || (a === undefined) !== (b === undefined),
          );
          expect(differs, `${name}: ${JSON.stringify(outcomes)}`).toBe(true);
        }
      },
    );
  });
}
