// bench:load's deployment of the shop's Drizzle database: the PostgreSQL the bench seeded, through
// node-postgres (a pool of BENCH_POOL connections: 1 on PGlite).
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema";

export const db = drizzle(
  new pg.Pool({
    connectionString: process.env.BENCH_DATABASE!,
    max: Number(process.env.BENCH_POOL),
  }),
  {
    schema,
  },
);
