// @lazymod bands=none factors=none messages=none
// The rows are used beyond their number (`users[0]`): they are loaded anyway, and a count would
// be a second query.
import type { PrismaClient } from "@prisma/client";

export async function report(prisma: PrismaClient) {
  const users = await prisma.user.findMany();
  return { total: users.length, first: users[0] };
}
