// @lazymod bands=none factors=none messages=none
// The query is already limited to one row (`take: 1`): there is nothing to stream.
import type { PrismaClient } from "@prisma/client";

export async function oneRow(prisma: PrismaClient) {
  for (const s of await prisma.student.findMany({ take: 1 })) console.log(s.name);
}
