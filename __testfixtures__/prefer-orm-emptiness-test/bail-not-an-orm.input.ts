// @lazymod bands=none factors=none messages=none
// A plain array from the program's own function: nothing says it comes from an ORM.
import type { PrismaClient } from "@prisma/client";

export async function plain(load: () => Promise<string[]>) {
  const items = await load();
  if (!items) return "none";
  return items[0];
}
