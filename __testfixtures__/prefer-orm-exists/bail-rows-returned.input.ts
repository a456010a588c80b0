// @lazymod bands=none factors=none messages=none
// The rows are returned too: one load is cheaper than an existence test and a load.
import type { PrismaClient } from "@prisma/client";

export async function adultsOrNothing(prisma: PrismaClient) {
  const adults = await prisma.user.findMany({ where: { age: { gte: 18 } } });
  if (adults.length === 0) return null;
  return adults;
}
