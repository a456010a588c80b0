// bench:load's deployment of the shop's Sequelize 6 connection: the PostgreSQL the bench seeded
// (PGlite: a pool of 1).
import { Sequelize } from "sequelize";

export const sequelize = new Sequelize(process.env.BENCH_DATABASE!, {
  dialect: "postgres",
  pool: { min: 0, max: 1 },
  logging: false,
});
