// @lazymod bands=low,low,low,low factors=orm-hooks-differ messages=inline,binding,binding,inline
// `findMany(…)` → `count(…)`: `select` and `include` are dropped (`count` rejects them), `where`,
// `orderBy`, `skip` and `take` are kept.
import type { PrismaClient } from "@prisma/client";

type Db = { prisma: PrismaClient };

export async function countOlderStudents({ prisma }: Db, minAge: number) {
  return await prisma.student.count({ where: { age: { gt: minAge } } });
}

// Used for its length and tested for emptiness: one count answers both.
export async function describeOlder({ prisma }: Db, minAge: number) {
  const studentCount = await prisma.student.count({
    where: { age: { gt: minAge } },
  });
  if (studentCount === 0) return "none";
  return `${studentCount} students`;
}

export async function allFound({ prisma }: Db, minAge: number) {
  const ids = [minAge - 9, minAge - 8, minAge + 11];
  return (await prisma.student.count({ where: { id: { in: ids } } })) === ids.length;
}

export function countPage({ prisma }: Db, minAge: number) {
  return prisma.student.count({ where: { age: { gt: minAge } }, orderBy: { id: "asc" }, skip: 5, take: 20 });
}
