// @lazymod bands=low,low messages=inline,inline factors=orm-hooks-differ,keeps-undefined
// A first row used only behind a truthiness test cannot tell `null` from `undefined`: no
// `null-instead-of-undefined`. A function declared to return `T | undefined` gets back the
// `undefined` it declared with `?? undefined` (a `!` would pass `null` off as `T`).
import type { PrismaClient } from "@prisma/client";

type Db = { prisma: PrismaClient };
type Student = { id: number; name: string };

export async function nameIfAny({ prisma }: Db, minAge: number) {
  const first = (await prisma.student.findMany({ where: { age: { gt: minAge } }, orderBy: { id: "asc" } }))[0];
  if (first) return first.name;
  return "none";
}

export async function firstOlder({ prisma }: Db, minAge: number): Promise<Student | undefined> {
  return (await prisma.student.findMany({ where: { age: { gt: minAge } }, orderBy: { id: "asc" } }))[0];
}
