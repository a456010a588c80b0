import { beforeAll } from "vitest";
import { describeOrmEquivalence } from "./helpers/orm/equivalence.js";
import {
  generatePostgresPrismaClient,
  generatePrismaClient,
  openPrisma,
  openPrismaPostgres,
} from "./helpers/orm/prisma.js";

// Prisma 7's `prisma-client` generator with the better-sqlite3 and node-postgres driver adapters:
// no engine download, both clients generated offline at the start of the run.
beforeAll(() => {
  generatePrismaClient();
  generatePostgresPrismaClient();
}, 120_000);

describeOrmEquivalence("prisma", {
  sqlite: { label: "Prisma 7 (better-sqlite3 adapter)", open: openPrisma },
  postgres: { label: "Prisma 7 (@prisma/adapter-pg)", open: openPrismaPostgres },
});
