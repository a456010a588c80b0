// @lazymod bands=none factors=none messages=none
// The rows are also returned: every column may be needed.
import type { PrismaClient } from "@prisma/client";

export async function both(prisma: PrismaClient) {
  const users = await prisma.user.findMany();
  console.log(users.map((u) => u.email));
  return users;
}
