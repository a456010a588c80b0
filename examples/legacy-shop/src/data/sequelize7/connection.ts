// The enrollment service's database, moved to Sequelize 7 ahead of the rest of the shop.
import { Sequelize } from "@sequelize/core";
import { SqliteDialect } from "@sequelize/sqlite3";

export const sequelize = new Sequelize({
  dialect: SqliteDialect,
  storage: "enrollment.db",
  logging: false,
});
