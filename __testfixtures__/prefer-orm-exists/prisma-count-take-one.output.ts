// @lazymod bands=low,low,low,low,low factors=orm-hooks-differ,transaction-receiver messages=binding,inline,binding,inline,inline
// `findMany(…)` tested for emptiness → `count({ …, take: 1 })`.
import type { PrismaClient } from "@prisma/client";

type Db = { prisma: PrismaClient };

// The incident: every matching student is loaded to learn whether there is one.
export async function hasOlderStudents({ prisma }: Db, minAge: number) {
  if ((await prisma.student.count({ where: { age: { gt: minAge } }, take: 1 })) > 0) {
    return "some";
  }
  return "none";
}

export async function noOlderStudents({ prisma }: Db, minAge: number) {
  return (await prisma.student.count({ where: { age: { gt: minAge } }, take: 1 })) === 0;
}

export async function enrolledReport({ prisma }: Db, minAge: number) {
  const enrolledCount = await prisma.student.count({
    where: { age: { gt: minAge }, enrollments: { some: {} } },
    orderBy: { age: "desc" },
    skip: 5,
    take: 1,
  });
  const label = enrolledCount ? "enrolled" : "nobody";
  return `${label}, checked: ${enrolledCount > 0}`;
}

export async function anyInTransaction({ prisma }: Db, minAge: number) {
  return prisma.$transaction(async (tx) => {
    return !(await tx.student.count({ where: { age: { gt: minAge } }, take: 1 }));
  });
}

export function hasOlderStudentsLater({ prisma }: Db, minAge: number) {
  return prisma.student.count({ where: { age: { gt: minAge } }, take: 1 }).then((rowCount) => rowCount > 0);
}
