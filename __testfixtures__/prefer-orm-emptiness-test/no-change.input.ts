// @lazymod bands=none factors=none messages=none
import type { PrismaClient } from "@prisma/client";

// Redundant guards next to a real length test are not reported.
export async function guarded(prisma: PrismaClient) {
  const rows = await prisma.user.findMany();
  if (!rows || rows.length === 0) return "none";
  return rows;
}

// A null guard whose branches use the rows.
export async function defaulted(prisma: PrismaClient) {
  const rows = await prisma.user.findMany();
  return rows ? rows : [];
}

// Not an array of rows: `findFirst` resolves to a row or null.
export async function first(prisma: PrismaClient) {
  const user = await prisma.user.findFirst();
  if (!user) return "none";
  return user.name;
}

// A plain array is not an ORM result.
export async function plain(load: () => Promise<string[]>) {
  const items = await load();
  if (!items) return "none";
  return items[0];
}
