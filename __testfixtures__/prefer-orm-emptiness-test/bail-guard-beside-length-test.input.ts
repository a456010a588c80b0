// @lazymod bands=none factors=none messages=none
// `!rows || rows.length === 0`: the null guard is redundant next to a real length test, not a bug,
// so nothing is reported.
import type { PrismaClient } from "@prisma/client";

export async function guarded(prisma: PrismaClient) {
  const rows = await prisma.user.findMany();
  if (!rows || rows.length === 0) return "none";
  return rows;
}
