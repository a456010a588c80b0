// bench:load's deployment of the shop's Drizzle database: the PostgreSQL the bench seeded, through
// node-postgres (PGlite: a pool of 1).
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema";

export const db = drizzle(new pg.Pool({ connectionString: process.env.BENCH_DATABASE!, max: 1 }), {
  schema,
});
