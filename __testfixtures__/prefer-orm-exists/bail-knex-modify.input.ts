// @lazymod bands=none factors=none messages=none
// Knex `.modify()` runs code lazymod cannot see (it could add a limit, a lock or a grouping).
import type { Knex } from "knex";

export async function knexModified(knex: Knex, scope: (qb: Knex.QueryBuilder) => void) {
  return (await knex("jobs").modify(scope)).length > 0;
}
