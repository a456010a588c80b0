import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transformSource } from "../src/core/engine.js";
import { transformsById } from "../transforms/index.js";
import { FIXTURES_ROOT } from "./helpers/fixtures.js";
import { describeOrmEquivalence, sharedPostgres } from "./helpers/orm/equivalence.js";
import { openKnex, openKnexPostgres } from "./helpers/orm/knex.js";

describeOrmEquivalence("knex", {
  sqlite: { label: "Knex 3 (better-sqlite3)", open: openKnex },
  postgres: { label: "Knex 3 (pg)", open: openKnexPostgres },
});

type Fixture = { totalAge: (db: unknown, minAge: number) => Promise<number> };
type Loader = (request: string, ...rest: unknown[]) => unknown;

describe("Knex on PostgreSQL without pg-query-stream", () => {
  const postgres = sharedPostgres();
  const Module = createRequire(import.meta.url)("node:module") as { _load: Loader };
  const load = Module._load;
  const fixture = path.join(FIXTURES_ROOT, "prefer-orm-cursor/knex-stream.input.ts");
  let opened: Awaited<ReturnType<typeof openKnexPostgres>>;
  beforeAll(async () => {
    opened = await openKnexPostgres((await postgres()).url);
    // As if the package were not installed: Knex requires it when a query streams (`_load`, the
    // step before require's caches, so that an earlier stream's require does not hide it).
    Module._load = function (request, ...rest) {
      if (request === "pg-query-stream")
        throw Object.assign(new Error("Cannot find module 'pg-query-stream'"), {
          code: "MODULE_NOT_FOUND",
        });
      return load.call(this, request, ...rest);
    };
  }, 60_000);
  afterAll(async () => {
    Module._load = load;
    await opened?.close();
  });

  it("the eager loop runs, the rewritten stream throws, and its risk says why", async () => {
    const before = (await import(pathToFileURL(fixture).href)) as Fixture;
    const after = (await import(
      pathToFileURL(fixture.replace(".input.", ".output.")).href
    )) as Fixture;
    expect(await before.totalAge(opened.db, 20)).toBe(2250);
    await expect(after.totalAge(opened.db, 20)).rejects.toThrow(/pg-query-stream/);
    const transform = transformsById.get("prefer-orm-cursor")!;
    const { changes } = transformSource(readFileSync(fixture, "utf8"), {
      path: fixture,
      transforms: [transform],
      maxRisk: 100,
    });
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes)
      expect(change.risk.factors.map((f) => f.id)).toContain("postgres-stream-package");
    expect(transform.riskFactors?.["postgres-stream-package"]?.reason).toMatch(
      /PostgreSQL.*`pg-query-stream`/,
    );
  });
});
