// bench:load's deployment of the shop's Prisma client: the PostgreSQL the bench seeded (a pool of
// BENCH_POOL connections: 1 on PGlite), with a client generated for provider postgresql.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/prisma/client";

export const prisma = new PrismaClient({
  adapter: new PrismaPg({
    connectionString: process.env.BENCH_DATABASE!,
    max: Number(process.env.BENCH_POOL),
  }),
});
