import { describeOrmEquivalence } from "./helpers/orm/equivalence.js";
import { openDrizzle } from "./helpers/orm/drizzle.js";

describeOrmEquivalence("Drizzle (better-sqlite3)", "drizzle", openDrizzle);
