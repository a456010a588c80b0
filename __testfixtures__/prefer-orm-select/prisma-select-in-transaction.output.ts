// @lazymod bands=low factors=none messages=inline
// In a transaction a projection reads the same rows, only fewer of their columns: the same row
// and predicate locks, so no `transaction-receiver` reason (a count or an existence query,
// which read fewer rows, have one).
import type { PrismaClient } from "@prisma/client";

type Db = { prisma: PrismaClient };

export async function olderNames({ prisma }: Db, minAge: number) {
  return prisma.$transaction(async (tx) =>
    (await tx.student.findMany({ where: { age: { gt: minAge } }, orderBy: { id: "asc" }, select: { name: true } })).map((s) => s.name),
  );
}
