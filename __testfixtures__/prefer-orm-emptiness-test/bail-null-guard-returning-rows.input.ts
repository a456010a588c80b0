// @lazymod bands=none factors=none messages=none
// `rows ? rows : []`: a null guard whose branch is the rows themselves, harmless whatever it tests.
import type { PrismaClient } from "@prisma/client";

export async function defaulted(prisma: PrismaClient) {
  const rows = await prisma.user.findMany();
  return rows ? rows : [];
}
