import { describeOrmEquivalence } from "./helpers/orm/equivalence.js";
import { openSequelize } from "./helpers/orm/sequelize.js";

describeOrmEquivalence("Sequelize 6 (sqlite3)", "sequelize", (file) => openSequelize(file, 6));
describeOrmEquivalence("Sequelize 7 (@sequelize/sqlite3)", "sequelize", (file) =>
  openSequelize(file, 7),
);
