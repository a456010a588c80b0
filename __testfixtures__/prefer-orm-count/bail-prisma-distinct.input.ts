// @lazymod bands=none factors=none messages=none
// Prisma `distinct`: `count` has no `distinct`, so it would count every matching row.
import type { PrismaClient } from "@prisma/client";

export async function distinctRoles(prisma: PrismaClient) {
  return (await prisma.user.findMany({ distinct: ["role"] })).length;
}
