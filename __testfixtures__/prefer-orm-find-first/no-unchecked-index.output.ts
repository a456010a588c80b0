// @lazymod no-unchecked-indexed-access=true bands=low,medium,low messages=inline,destructure,inline factors=first-row-ties,keeps-undefined,orm-hooks-differ
import type { PrismaClient } from "@prisma/client";

type Db = { prisma: PrismaClient };

// With noUncheckedIndexedAccess `[0]` was `T | undefined`; `?? undefined` gives that value and
// type back where the row is passed on, so callers see no difference.
export async function newest({ prisma }: Db) {
  return (await prisma.student.findFirst({ orderBy: { id: "desc" } })) ?? undefined;
}

export async function oldest({ prisma }: Db) {
  const first = (await prisma.student.findFirst({ orderBy: { age: "desc" } })) ?? undefined;
  return first;
}

export async function anyName({ prisma }: Db) {
  return (await prisma.student.findFirst({ orderBy: { id: "asc" } }))?.name ?? "nobody";
}
