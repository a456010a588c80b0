// @lazymod bands=medium,medium factors=first-row-ties,orm-hooks-differ messages=inline,destructure postgres-differs=oldest,youngestOlder
// Ordered by age alone, ten students tie at each age. SQLite reads the full load and the one-row
// query alike (through the age index); PostgreSQL sorts the full load but reads `findFirst` through
// the index, and another of the tied students comes first: held back (`first-row-ties`).
import type { PrismaClient } from "@prisma/client";

type Db = { prisma: PrismaClient };

export async function oldest({ prisma }: Db, minAge: number) {
  return (await prisma.student.findMany({ where: { age: { gt: minAge } }, orderBy: { age: "desc" } }))[0]?.id ?? null;
}

export async function youngestOlder({ prisma }: Db, minAge: number) {
  const [first] = await prisma.student.findMany({ where: { age: { gt: minAge } }, orderBy: { age: "asc" }, select: { id: true } });
  return first?.id ?? null;
}
