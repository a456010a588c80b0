// @lazymod bands=none factors=none messages=none
import type { PrismaClient } from "@prisma/client";
import type { Knex } from "knex";

// The rows are also used after the loop: they are needed whole.
export async function rowsKept(knex: Knex) {
  const rows = await knex("students");
  for (const row of rows) console.log(row.name);
  return rows;
}

// Already one row.
export async function oneRow(prisma: PrismaClient) {
  for (const s of await prisma.student.findMany({ take: 1 })) console.log(s.name);
}

// Already lazy.
export async function streamed(knex: Knex) {
  for await (const row of knex("students").stream()) console.log(row);
}

// Not an ORM: a plain array.
export async function plain(load: () => Promise<string[]>) {
  for (const item of await load()) console.log(item);
}
