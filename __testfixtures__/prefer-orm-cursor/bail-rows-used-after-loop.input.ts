// @lazymod bands=none factors=none messages=none
// The rows are also returned after the loop: they are needed whole, and a stream would read them
// only once.
import type { Knex } from "knex";

export async function rowsKept(knex: Knex) {
  const rows = await knex("students");
  for (const row of rows) console.log(row.name);
  return rows;
}
