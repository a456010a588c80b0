// @lazymod bands=low,low,low,low,low,low factors=orm-hooks-differ,transaction-receiver messages=binding,inline,binding,inline,inline,inline
// `findMany(…)` tested for emptiness → `findFirst(…)` compared with null (relations, `take` and an order that skips nothing dropped).
import type { PrismaClient } from "@prisma/client";

type Db = { prisma: PrismaClient };

// The incident: every matching student is loaded to learn whether there is one.
export async function hasOlderStudents({ prisma }: Db, minAge: number) {
  const students = await prisma.student.findMany({ where: { age: { gt: minAge } } });
  if (students.length > 0) {
    return "some";
  }
  return "none";
}

export async function noOlderStudents({ prisma }: Db, minAge: number) {
  return (await prisma.student.findMany({ where: { age: { gt: minAge } }, include: { enrollments: true } })).length === 0;
}

export async function enrolledReport({ prisma }: Db, minAge: number) {
  const enrolled = await prisma.student.findMany({
    where: { age: { gt: minAge }, enrollments: { some: {} } },
    orderBy: { age: "desc" },
    skip: 5,
  });
  const label = enrolled.length ? "enrolled" : "nobody";
  return `${label}, checked: ${!!enrolled.length}`;
}

export async function anyInTransaction({ prisma }: Db, minAge: number) {
  return prisma.$transaction(async (tx) => {
    return !(await tx.student.findMany({ where: { age: { gt: minAge } }, take: 10 })).length;
  });
}

export function hasOlderStudentsLater({ prisma }: Db, minAge: number) {
  return prisma.student.findMany({ where: { age: { gt: minAge } } }).then((rows) => rows.length >= 1);
}

export async function anyIdsByAge({ prisma }: Db, minAge: number) {
  return (await prisma.student.findMany({ where: { age: { gt: minAge } }, select: { id: true }, orderBy: { age: "desc" } })).length > 0;
}
