// @lazymod bands=low,low,low factors=count-value-shape messages=inline,binding,inline databases-differ=true
// LIKE ignores ASCII case on SQLite and keeps it on PostgreSQL (every third name is capitalised):
// the counts differ between the two, and the count query filters as the rows did on each.
import type { Knex } from "knex";

type Db = { knex: Knex };

export async function countCapitalised({ knex }: Db, minAge: number) {
  return (await knex("students").where("age", ">", minAge).whereLike("name", "Name-%")).length;
}

export async function countLikeOperator({ knex }: Db, minAge: number) {
  const rows = await knex("students").where("age", ">", minAge).andWhere("name", "like", "Name-%");
  return rows.length;
}

export async function countAnyCase({ knex }: Db, minAge: number) {
  return (await knex("students").where("age", ">", minAge).whereILike("name", "NAME-%")).length;
}
