// @lazymod bands=medium factors=orm-hooks-differ,orm-hooks-in-file messages=inline
import type { PrismaClient } from "@prisma/client";

// A query extension that narrows `findMany` (a soft-delete or tenant filter built that way)
// does not run for `count`.
export async function countVisible({ prisma }: { prisma: PrismaClient }, minAge: number) {
  const scoped = prisma.$extends({
    query: {
      student: {
        findMany({ args, query }) {
          return query({ ...args, where: { AND: [args.where ?? {}, { id: { lte: 50 } }] } });
        },
      },
    },
  });
  return await scoped.student.count({ where: { age: { gt: minAge } } });
}
