// bench:load's deployment of the shop's Sequelize 6 connection: the PostgreSQL the bench seeded
// (a pool of BENCH_POOL connections: 1 on PGlite).
import { Sequelize } from "sequelize";

export const sequelize = new Sequelize(process.env.BENCH_DATABASE!, {
  dialect: "postgres",
  pool: { min: 0, max: Number(process.env.BENCH_POOL) },
  logging: false,
});
