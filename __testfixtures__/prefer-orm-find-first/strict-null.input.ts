// @lazymod bands=low,medium,low,low,low,low,low messages=inline,destructure,binding,inline,destructure,inline,binding factors=first-row-ties,non-null-assertion,orm-hooks-differ
import type { PrismaClient } from "@prisma/client";

type Db = { prisma: PrismaClient };

// `[0]` was typed `T` and `findFirst` is `T | null`: where the row itself is needed, `!` keeps `T`
// (with no row, both forms throw on the property read).
export async function newestName({ prisma }: Db) {
  return (await prisma.student.findMany({ orderBy: { id: "desc" } }))[0].name;
}

export async function oldestAge({ prisma }: Db) {
  const [oldest] = await prisma.student.findMany({ orderBy: { age: "desc" } });
  return oldest.age;
}

export async function lastName({ prisma }: Db, log: (found: boolean) => void) {
  const rows = await prisma.student.findMany({ orderBy: { id: "desc" } });
  log(rows.length > 0);
  return rows[0].name;
}

export function firstId({ prisma }: Db) {
  return prisma.student.findMany({ orderBy: { id: "asc" } }).then((rows) => rows[0].id);
}

// Uses that cope with `null`, or a narrowing before them: the row is typed `T | null` and nothing
// else is needed.
export async function firstNameOr({ prisma }: Db, fallback: string) {
  const [first] = await prisma.student.findMany({ orderBy: { id: "asc" } });
  if (!first) return fallback;
  return first.name;
}

export async function anyName({ prisma }: Db) {
  return (await prisma.student.findMany({ orderBy: { id: "asc" } }))[0]?.name ?? "nobody";
}

export async function firstAdult({ prisma }: Db) {
  const adults = await prisma.student.findMany({ where: { age: { gte: 18 } }, orderBy: { id: "asc" } });
  if (adults.length === 0) throw new Error("no adult");
  return adults[0].name;
}
