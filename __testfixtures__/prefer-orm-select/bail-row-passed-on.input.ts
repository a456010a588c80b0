// @lazymod bands=none factors=none messages=none
// The callback passes the row on (`JSON.stringify(u)`): every column may be needed.
import type { PrismaClient } from "@prisma/client";

export async function serialize(prisma: PrismaClient) {
  return (await prisma.user.findMany()).map((u) => JSON.stringify(u));
}
