// bench:load's deployment of the shop's Sequelize 6 connection: the SQLite file the bench seeded,
// through the sqlite3 binding the repository installs (an ES module, so passed explicitly).
import { Sequelize } from "sequelize";
import sqlite3 from "sqlite3";

export const sequelize = new Sequelize({
  dialect: "sqlite",
  dialectModule: sqlite3,
  storage: process.env.BENCH_DATABASE!,
  logging: false,
});
