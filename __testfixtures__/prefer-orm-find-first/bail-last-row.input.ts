// @lazymod bands=none factors=none messages=none
// The last row (`users[users.length - 1]`): a first-row query would need the order reversed,
// which lazymod does not guess.
import type { PrismaClient } from "@prisma/client";

export async function last(prisma: PrismaClient) {
  const users = await prisma.user.findMany();
  return users[users.length - 1];
}
