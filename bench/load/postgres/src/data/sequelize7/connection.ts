// bench:load's deployment of the shop's Sequelize 7 connection: the PostgreSQL the bench seeded
// (a pool of BENCH_POOL connections: 1 on PGlite).
import { Sequelize } from "@sequelize/core";
import { PostgresDialect } from "@sequelize/postgres";

export const sequelize = new Sequelize({
  dialect: PostgresDialect,
  url: process.env.BENCH_DATABASE!,
  pool: { min: 0, max: Number(process.env.BENCH_POOL) },
  logging: false,
});
