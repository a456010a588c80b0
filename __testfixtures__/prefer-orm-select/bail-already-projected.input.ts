// @lazymod bands=none factors=none messages=none
// The query already projects (`select`): it reads only what it asks for.
import type { PrismaClient } from "@prisma/client";

export async function emails(prisma: PrismaClient) {
  return (await prisma.user.findMany({ select: { email: true } })).map((u) => u.email);
}
