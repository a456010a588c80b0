// @lazymod bands=high factors=first-row-ties,non-null-assertion,null-instead-of-undefined,orm-hooks-differ messages=inline
import type { PrismaClient } from "@prisma/client";

// `[0]` of no rows is undefined; `findFirst` resolves to null, and the caller sees it.
export async function oldest({ prisma }: { prisma: PrismaClient }, minAge: number) {
  return (await prisma.student.findFirst({ where: { age: { gt: minAge } }, orderBy: { age: "desc" }, select: { id: true } }))!;
}
