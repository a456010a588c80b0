// @lazymod bands=none factors=none messages=none
// A plain array from the program's own function: nothing says it comes from an ORM.
import type { PrismaClient } from "@prisma/client";
import type { Knex } from "knex";

export async function plain(load: () => Promise<string[]>) {
  for (const item of await load()) console.log(item);
}
