// @lazymod bands=low factors=orm-hooks-differ messages=inline
// The query moves out of `( … ).length`: its lines move back with it, as a formatter lays them out.
import type { PrismaClient } from "@prisma/client";

type Db = { prisma: PrismaClient };

export async function countOlderStudents({ prisma }: Db, minAge: number) {
  return await prisma.student.count({
    where: { age: { gt: minAge } },
  });
}
