import { beforeAll } from "vitest";
import { describeOrmEquivalence } from "./helpers/orm/equivalence.js";
import { generatePrismaClient, openPrisma } from "./helpers/orm/prisma.js";

// Prisma 7's `prisma-client` generator with the better-sqlite3 driver adapter: no engine
// download, generated offline at the start of the run.
beforeAll(() => generatePrismaClient(), 60_000);

describeOrmEquivalence("Prisma 7 (better-sqlite3 adapter)", "prisma", openPrisma);
