// @lazymod bands=none factors=none messages=none
// `for await` over `.stream()`: the rows already arrive one at a time.
import type { Knex } from "knex";

export async function streamed(knex: Knex) {
  for await (const row of knex("students").stream()) console.log(row);
}
