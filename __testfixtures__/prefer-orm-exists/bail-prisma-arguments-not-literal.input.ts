// @lazymod bands=none factors=none messages=none
// Prisma arguments that are not a literal could hold `include` or `select`, which `count` rejects.
import type { PrismaClient, Prisma } from "@prisma/client";

export async function anyMatching(prisma: PrismaClient, args: Prisma.UserFindManyArgs) {
  return (await prisma.user.findMany(args)).length > 0;
}
