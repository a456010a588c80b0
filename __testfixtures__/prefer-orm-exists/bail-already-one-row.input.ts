// @lazymod bands=none factors=none messages=none
// Already limited to one row (`take: 1`): the query is as cheap as an existence test.
import type { PrismaClient } from "@prisma/client";

export async function anyAdmin(prisma: PrismaClient) {
  return (await prisma.user.findMany({ where: { role: "ADMIN" }, take: 1 })).length > 0;
}
