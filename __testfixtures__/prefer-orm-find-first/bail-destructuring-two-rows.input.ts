// @lazymod bands=none factors=none messages=none
// A pattern with two elements needs two rows: a one-row query gives one.
import type { PrismaClient } from "@prisma/client";

export async function firstTwo(prisma: PrismaClient) {
  const [a, b] = await prisma.user.findMany();
  return [a, b];
}
