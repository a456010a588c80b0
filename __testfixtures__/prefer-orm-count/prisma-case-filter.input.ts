// @lazymod bands=low,low factors=orm-hooks-differ messages=inline,binding databases-differ=true
// `startsWith` is LIKE on SQLite, which ignores ASCII case, and case-sensitive on PostgreSQL
// (every third name is capitalised): the counts differ between the two, and `count` filters as
// `findMany` did on each.
import type { PrismaClient } from "@prisma/client";

type Db = { prisma: PrismaClient };

export async function countCapitalised({ prisma }: Db, minAge: number) {
  return (await prisma.student.findMany({ where: { age: { gt: minAge }, name: { startsWith: "Name-" } } })).length;
}

export async function countContaining({ prisma }: Db, minAge: number) {
  const found = await prisma.student.findMany({ where: { age: { gt: minAge }, name: { contains: "Name-0" } }, select: { id: true } });
  return `${found.length} found`;
}
