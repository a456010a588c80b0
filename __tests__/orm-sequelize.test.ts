import { describeOrmEquivalence } from "./helpers/orm/equivalence.js";
import { openSequelize, openSequelizePostgres } from "./helpers/orm/sequelize.js";

describeOrmEquivalence("sequelize", {
  sqlite: { label: "Sequelize 6 (sqlite3)", open: (file) => openSequelize(file, 6) },
  postgres: { label: "Sequelize 6 (pg)", open: (url) => openSequelizePostgres(url, 6) },
});
describeOrmEquivalence("sequelize", {
  sqlite: { label: "Sequelize 7 (@sequelize/sqlite3)", open: (file) => openSequelize(file, 7) },
  postgres: {
    label: "Sequelize 7 (@sequelize/postgres)",
    open: (url) => openSequelizePostgres(url, 7),
  },
});
