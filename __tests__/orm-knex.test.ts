import { describeOrmEquivalence } from "./helpers/orm/equivalence.js";
import { openKnex } from "./helpers/orm/knex.js";

describeOrmEquivalence("Knex 3 (better-sqlite3)", "knex", openKnex);
