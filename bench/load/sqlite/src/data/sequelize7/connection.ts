// bench:load's deployment of the shop's Sequelize 7 connection: the SQLite file the bench seeded.
import { Sequelize } from "@sequelize/core";
import { SqliteDialect } from "@sequelize/sqlite3";
import sqlite3 from "sqlite3";

export const sequelize = new Sequelize({
  dialect: SqliteDialect,
  sqlite3Module: sqlite3,
  storage: process.env.BENCH_DATABASE!,
  logging: false,
});
