// @lazymod bands=none factors=none messages=none
// `[1]`: another index than the first has no one-row query.
import type { PrismaClient } from "@prisma/client";

export async function second(prisma: PrismaClient) {
  return (await prisma.user.findMany())[1];
}
