// @lazymod bands=low,low,low,low,low,low factors=orm-hooks-differ,transaction-receiver messages=binding,inline,binding,inline,inline,inline
// `findMany(…)` tested for emptiness → `findFirst(…)` compared with null (relations, `take` and an order that skips nothing dropped).
import type { PrismaClient } from "@prisma/client";

type Db = { prisma: PrismaClient };

// The incident: every matching student is loaded to learn whether there is one.
export async function hasOlderStudents({ prisma }: Db, minAge: number) {
  if ((await prisma.student.findFirst({ where: { age: { gt: minAge } } })) !== null) {
    return "some";
  }
  return "none";
}

export async function noOlderStudents({ prisma }: Db, minAge: number) {
  return (await prisma.student.findFirst({ where: { age: { gt: minAge } } })) === null;
}

export async function enrolledReport({ prisma }: Db, minAge: number) {
  const firstEnrolled = await prisma.student.findFirst({
    where: { age: { gt: minAge }, enrollments: { some: {} } },
    orderBy: { age: "desc" },
    skip: 5,
  });
  const label = firstEnrolled ? "enrolled" : "nobody";
  return `${label}, checked: ${firstEnrolled !== null}`;
}

export async function anyInTransaction({ prisma }: Db, minAge: number) {
  return prisma.$transaction(async (tx) => {
    return !(await tx.student.findFirst({ where: { age: { gt: minAge } } }));
  });
}

export function hasOlderStudentsLater({ prisma }: Db, minAge: number) {
  return prisma.student.findFirst({ where: { age: { gt: minAge } } }).then((firstRow) => firstRow !== null);
}

export async function anyIdsByAge({ prisma }: Db, minAge: number) {
  return (await prisma.student.findFirst({ where: { age: { gt: minAge } }, select: { id: true } })) !== null;
}
