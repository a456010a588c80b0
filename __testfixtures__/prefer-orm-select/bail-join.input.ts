// @lazymod bands=none factors=none messages=none
// A join: a property could come from either table, so which to select is unknown.
import type { Knex } from "knex";

export async function joined(knex: Knex) {
  return (await knex("users").join("teams", "teams.id", "users.teamId")).map((r) => r.name);
}
