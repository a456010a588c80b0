import { describeOrmEquivalence } from "./helpers/orm/equivalence.js";
import { openTypeOrm } from "./helpers/orm/typeorm.js";

describeOrmEquivalence("TypeORM 0.3 (better-sqlite3)", "typeorm", openTypeOrm);
