// bench:load's deployment of the shop's Knex instance: the PostgreSQL the bench seeded (PGlite: a
// pool of 1).
import knex, { type Knex } from "knex";

export const reports: Knex = knex({
  client: "pg",
  connection: process.env.BENCH_DATABASE!,
  pool: { min: 0, max: 1 },
});
