// bench:load's deployment of the shop's Knex instance: the SQLite file the bench seeded.
import knex, { type Knex } from "knex";

export const reports: Knex = knex({
  client: "better-sqlite3",
  connection: { filename: process.env.BENCH_DATABASE! },
  useNullAsDefault: true,
});
