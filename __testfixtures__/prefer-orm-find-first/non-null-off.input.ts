// @lazymod non-null-assertions=false max-risk=low bands=high,low statuses=held,apply factors=orm-hooks-differ,result-type-widens messages=inline,inline
import type { PrismaClient } from "@prisma/client";

type Db = { prisma: PrismaClient };

export async function newestName({ prisma }: Db) {
  return (await prisma.student.findMany({ orderBy: { id: "desc" } }))[0].name;
}

export async function anyName({ prisma }: Db) {
  return (await prisma.student.findMany({ orderBy: { id: "asc" } }))[0]?.name ?? "nobody";
}
