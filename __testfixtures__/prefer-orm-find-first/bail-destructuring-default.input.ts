// @lazymod bands=none factors=none messages=none
// A default in the pattern (`[first = null]`): the default applies to `undefined`, and the one-row
// query gives `null`.
import type { PrismaClient } from "@prisma/client";

export async function withDefault(prisma: PrismaClient) {
  const [first = null] = await prisma.user.findMany();
  return first;
}
