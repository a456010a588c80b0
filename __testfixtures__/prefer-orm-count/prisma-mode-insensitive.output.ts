// @lazymod bands=low,low,low factors=orm-hooks-differ messages=inline,binding,inline postgres-only=countAnyCase,countAnyCaseWithin,countCapitalisedOnly
// `mode` exists only for PostgreSQL (and MongoDB): there `"insensitive"` counts ignoring case as the
// rows did, and `"default"` keeps case; on SQLite Prisma rejects both, before and after.
import type { PrismaClient } from "@prisma/client";

type Db = { prisma: PrismaClient };

export async function countAnyCase({ prisma }: Db, minAge: number) {
  return await prisma.student.count({ where: { age: { gt: minAge }, name: { startsWith: "NAME-", mode: "insensitive" } } });
}

export async function countAnyCaseWithin({ prisma }: Db, minAge: number) {
  return await prisma.student.count({ where: { age: { gt: minAge }, name: { contains: "name-0", mode: "insensitive" } } });
}

export async function countCapitalisedOnly({ prisma }: Db, minAge: number) {
  return await prisma.student.count({ where: { age: { gt: minAge }, name: { startsWith: "Name-", mode: "default" } } });
}
