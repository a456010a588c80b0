// bench:load's deployment of the shop's Knex instance: the PostgreSQL the bench seeded (a pool of
// BENCH_POOL connections: 1 on PGlite).
import knex, { type Knex } from "knex";

export const reports: Knex = knex({
  client: "pg",
  connection: process.env.BENCH_DATABASE!,
  pool: { min: 0, max: Number(process.env.BENCH_POOL) },
});
