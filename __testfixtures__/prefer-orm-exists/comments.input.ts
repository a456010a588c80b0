// @lazymod bands=high statuses=report factors=comments-in-range,orm-hooks-differ messages=binding
import type { PrismaClient } from "@prisma/client";

export async function checkAdults(prisma: PrismaClient) {
  const adults = await prisma.user.findMany({
    // adults only
    where: { age: { gte: 18 } },
    include: { posts: true }, // needed later?
  });
  return adults.length > 0;
}
