import { describeOrmEquivalence } from "./helpers/orm/equivalence.js";
import { openDrizzle, openDrizzlePostgres } from "./helpers/orm/drizzle.js";

describeOrmEquivalence("drizzle", {
  sqlite: { label: "Drizzle (better-sqlite3)", open: openDrizzle },
  postgres: { label: "Drizzle (node-postgres)", open: openDrizzlePostgres },
});
