import { describeOrmEquivalence } from "./helpers/orm/equivalence.js";
import { openTypeOrm, openTypeOrmPostgres } from "./helpers/orm/typeorm.js";

describeOrmEquivalence("typeorm", {
  sqlite: { label: "TypeORM 0.3 (better-sqlite3)", open: openTypeOrm },
  postgres: { label: "TypeORM 0.3 (pg)", open: openTypeOrmPostgres },
});
