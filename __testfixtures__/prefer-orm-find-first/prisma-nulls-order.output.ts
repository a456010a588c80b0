// @lazymod bands=low,low factors=orm-hooks-differ messages=inline,destructure databases-differ=true
// NULL grades sort first ascending on SQLite and last on PostgreSQL: the answers differ between
// the two, but `findFirst` sorts as `findMany` did on each, so the rewrite is the same query.
import type { PrismaClient } from "@prisma/client";

type Db = { prisma: PrismaClient };

export async function lowestGrade({ prisma }: Db, minAge: number) {
  return await prisma.enrollment.findFirst({ where: { studentId: { gt: minAge } }, orderBy: [{ grade: "asc" }, { id: "asc" }] }) ?? null;
}

export async function highestGrade({ prisma }: Db, minAge: number) {
  const top = await prisma.enrollment.findFirst({ where: { studentId: { gt: minAge } }, orderBy: [{ grade: "desc" }, { id: "asc" }] });
  return top ? `${top.id}: ${top.grade}` : "none";
}
