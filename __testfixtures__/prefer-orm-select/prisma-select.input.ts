// @lazymod bands=low,low,low factors=none messages=inline,binding,inline
// Only the fields the callback reads: `select: { name: true }`.
import type { PrismaClient } from "@prisma/client";

type Db = { prisma: PrismaClient };

export async function olderNames({ prisma }: Db, minAge: number) {
  return (await prisma.student.findMany({ where: { age: { gt: minAge } }, orderBy: { id: "asc" } })).map((s) => s.name);
}

export async function olderLabels({ prisma }: Db, minAge: number) {
  const students = await prisma.student.findMany({ where: { age: { gt: minAge } }, orderBy: { id: "asc" } });
  if (students.length === 0) return [];
  return students.map(({ id, name, age }) => `${id}:${name}:${age}`);
}

export function olderIdsLater({ prisma }: Db, minAge: number) {
  return prisma.student.findMany({ where: { age: { gt: minAge } } }).then((rows) => rows.map((r, i) => r.id * 1000 + i));
}
