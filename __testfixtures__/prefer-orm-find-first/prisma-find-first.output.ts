// @lazymod bands=low,low,low,low factors=orm-hooks-differ messages=inline,binding,destructure,inline
// `findMany(…)[0]` → `findFirst(…)`, the order kept; each use copes with `null` for no row.
import type { PrismaClient } from "@prisma/client";

type Db = { prisma: PrismaClient };

export async function oldestName({ prisma }: Db, minAge: number) {
  return (await prisma.student.findFirst({ where: { age: { gt: minAge } }, orderBy: [{ age: "desc" }, { id: "asc" }] }))?.name ?? "nobody";
}

// Tested for emptiness, then its first row used: `findFirst` answers both.
export async function firstOlder({ prisma }: Db, minAge: number) {
  const firstStudent = await prisma.student.findFirst({ where: { age: { gt: minAge } }, orderBy: { id: "asc" } });
  const reason = `no student is older than ${minAge}`;
  if (firstStudent === null) throw new Error(reason);
  return firstStudent.id;
}

export async function firstEnrolled({ prisma }: Db, minAge: number) {
  const first = await prisma.student.findFirst({
    where: { age: { gt: minAge } },
    include: { enrollments: { orderBy: { id: "asc" } } },
    orderBy: { id: "asc" },
  });
  return first ? first.enrollments.map((e) => e.course).join(",") : null;
}

export function firstIdLater({ prisma }: Db, minAge: number) {
  return prisma.student.findFirst({ where: { age: { gt: minAge } }, orderBy: { id: "desc" }, select: { id: true } }).then((firstRow) => firstRow?.id);
}
