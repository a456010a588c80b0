// @lazymod bands=none factors=none messages=none
// A method call on the row (`u.toString()`) could read any column.
import type { PrismaClient } from "@prisma/client";

export async function labels(prisma: PrismaClient) {
  return (await prisma.user.findMany()).map((u) => u.toString());
}
