// @lazymod bands=none factors=none messages=none
// `findFirst` resolves to a row or null, not an array: testing it is right.
import type { PrismaClient } from "@prisma/client";

export async function first(prisma: PrismaClient) {
  const user = await prisma.user.findFirst();
  if (!user) return "none";
  return user.name;
}
