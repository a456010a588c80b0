import { describeOrmEquivalence } from "./helpers/orm/equivalence.js";
import { openKnex, openKnexPostgres } from "./helpers/orm/knex.js";

describeOrmEquivalence("knex", {
  sqlite: { label: "Knex 3 (better-sqlite3)", open: openKnex },
  postgres: { label: "Knex 3 (pg)", open: openKnexPostgres },
});
