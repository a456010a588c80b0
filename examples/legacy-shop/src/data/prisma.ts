// The one Prisma client of the reporting database, imported wherever a query is made.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../generated/prisma/client";

export const prisma = new PrismaClient({
  adapter: new PrismaBetterSqlite3({ url: "file:./reports.db" }),
});
