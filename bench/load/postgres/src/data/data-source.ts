// bench:load's deployment of the shop's TypeORM connection: the PostgreSQL the bench seeded
// (a pool of BENCH_POOL connections: 1 on PGlite), with the one entity the benchmark loads (OrderRecord's columns take their
// types from decorator metadata, which tsx's compiler does not emit).
import { DataSource } from "typeorm";
import { StudentRecord } from "./student-entity";

export const dataSource = new DataSource({
  type: "postgres",
  url: process.env.BENCH_DATABASE!,
  extra: { max: Number(process.env.BENCH_POOL) },
  entities: [StudentRecord],
});
