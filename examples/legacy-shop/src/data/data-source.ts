// The shop's TypeORM connection, whose repositories ./inject hands to the services.
import { DataSource } from "typeorm";
import { OrderRecord } from "./entities";
import { StudentRecord } from "./student-entity";

export const dataSource = new DataSource({
  type: "better-sqlite3",
  database: "shop.db",
  entities: [OrderRecord, StudentRecord],
});
