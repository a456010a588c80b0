// @lazymod bands=none factors=none messages=none
// Knex `distinct`: the rows are the distinct values, which a plain `count(*)` would not count.
import type { Knex } from "knex";

export async function distinctCities(knex: Knex) {
  return (await knex("users").distinct("city")).length;
}
