// @lazymod bands=low,low factors=none messages=inline,binding
// Only the columns the callback reads: `.select("name")`.
import type { Knex } from "knex";

type Db = { knex: Knex };

export async function olderNames({ knex }: Db, minAge: number) {
  return (await knex("students").where("age", ">", minAge).orderBy("id").select("name")).map((s) => s.name);
}

export async function olderPairs({ knex }: Db, minAge: number) {
  const rows = await knex("students").where("age", ">", minAge).orderBy("id").select("age", "id");
  return rows.map(({ id, age }) => [id, age]);
}
