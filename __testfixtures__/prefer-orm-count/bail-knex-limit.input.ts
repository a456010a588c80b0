// @lazymod bands=none factors=none messages=none
// Knex `.limit()`: the page holds at most 20 rows, while `count(*)` ignores the limit.
import type { Knex } from "knex";

export async function firstPage(knex: Knex) {
  return (await knex("users").orderBy("id").limit(20)).length;
}
