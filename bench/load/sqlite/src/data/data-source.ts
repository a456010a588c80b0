// bench:load's deployment of the shop's TypeORM connection: the SQLite file the bench seeded, with
// the one entity the benchmark loads (OrderRecord's columns take their types from decorator
// metadata, which tsx's compiler does not emit).
import { DataSource } from "typeorm";
import { StudentRecord } from "./student-entity";

export const dataSource = new DataSource({
  type: "better-sqlite3",
  database: process.env.BENCH_DATABASE!,
  entities: [StudentRecord],
});
