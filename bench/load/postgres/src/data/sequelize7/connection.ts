// bench:load's deployment of the shop's Sequelize 7 connection: the PostgreSQL the bench seeded
// (PGlite: a pool of 1).
import { Sequelize } from "@sequelize/core";
import { PostgresDialect } from "@sequelize/postgres";

export const sequelize = new Sequelize({
  dialect: PostgresDialect,
  url: process.env.BENCH_DATABASE!,
  pool: { min: 0, max: 1 },
  logging: false,
});
