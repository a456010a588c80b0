// bench:load's deployment of the shop's Prisma client: the PostgreSQL the bench seeded (PGlite,
// one connection at a time: a pool of 1), with a client generated for provider postgresql.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/prisma/client";

export const prisma = new PrismaClient({
  adapter: new PrismaPg({ connectionString: process.env.BENCH_DATABASE!, max: 1 }),
});
