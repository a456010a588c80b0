// @lazymod bands=low,medium,low,low,low,low,low messages=inline,destructure,binding,inline,destructure,inline,binding factors=first-row-ties,non-null-assertion,orm-hooks-differ
import type { PrismaClient } from "@prisma/client";

type Db = { prisma: PrismaClient };

// `[0]` was typed `T` and `findFirst` is `T | null`: where the row itself is needed, `!` keeps `T`
// (with no row, both forms throw on the property read).
export async function newestName({ prisma }: Db) {
  return (await prisma.student.findFirst({ orderBy: { id: "desc" } }))!.name;
}

export async function oldestAge({ prisma }: Db) {
  const oldest = (await prisma.student.findFirst({ orderBy: { age: "desc" } }))!;
  return oldest.age;
}

export async function lastName({ prisma }: Db, log: (found: boolean) => void) {
  const firstRow = await prisma.student.findFirst({ orderBy: { id: "desc" } });
  log(firstRow !== null);
  return firstRow!.name;
}

export function firstId({ prisma }: Db) {
  return prisma.student.findFirst({ orderBy: { id: "asc" } }).then((firstRow) => firstRow!.id);
}

// Uses that cope with `null`, or a narrowing before them: the row is typed `T | null` and nothing
// else is needed.
export async function firstNameOr({ prisma }: Db, fallback: string) {
  const first = await prisma.student.findFirst({ orderBy: { id: "asc" } });
  if (!first) return fallback;
  return first.name;
}

export async function anyName({ prisma }: Db) {
  return (await prisma.student.findFirst({ orderBy: { id: "asc" } }))?.name ?? "nobody";
}

export async function firstAdult({ prisma }: Db) {
  const adult = await prisma.student.findFirst({ where: { age: { gte: 18 } }, orderBy: { id: "asc" } });
  if (adult === null) throw new Error("no adult");
  return adult.name;
}
