// bench:load's deployment of the shop's Drizzle database: the SQLite file the bench seeded.
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "./schema";

export const db = drizzle(new Database(process.env.BENCH_DATABASE!), { schema });
