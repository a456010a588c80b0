// @lazymod bands=none factors=none messages=none
// Prisma `distinct`: `count` has no `distinct` counterpart.
import type { PrismaClient } from "@prisma/client";

export async function anyCity(prisma: PrismaClient) {
  return (await prisma.user.findMany({ distinct: ["city"] })).length > 0;
}
