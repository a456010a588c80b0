// @lazymod bands=none factors=none messages=none
// `.length` is assigned (the array is emptied), not read: there is no count to ask for.
import type { PrismaClient } from "@prisma/client";

export async function truncate(prisma: PrismaClient) {
  const users = await prisma.user.findMany();
  users.length = 0;
  return users;
}
