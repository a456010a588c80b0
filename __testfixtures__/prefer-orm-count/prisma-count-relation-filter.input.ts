// @lazymod bands=low,low factors=orm-hooks-differ messages=inline,binding
// A count filtered through a relation (`some`, `none`): Prisma counts students with an EXISTS
// subquery, never joined rows, on SQLite and PostgreSQL alike.
import type { PrismaClient } from "@prisma/client";

type Db = { prisma: PrismaClient };

export async function countTakingMath({ prisma }: Db, minAge: number) {
  return (await prisma.student.findMany({ where: { age: { gt: minAge }, enrollments: { some: { course: "math" } } }, include: { enrollments: true } })).length;
}

export async function countWithoutGrade({ prisma }: Db, minAge: number) {
  const students = await prisma.student.findMany({ where: { age: { gt: minAge }, enrollments: { none: { grade: { not: null } } } } });
  return students.length;
}
