// bench:load's deployment of the shop's Prisma client: the SQLite file the bench seeded.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../generated/prisma/client";

export const prisma = new PrismaClient({
  adapter: new PrismaBetterSqlite3({ url: `file:${process.env.BENCH_DATABASE}` }),
});
