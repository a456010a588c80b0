// @lazymod bands=low,low,low factors=count-value-shape messages=inline,binding,inline databases-differ=true
// LIKE ignores ASCII case on SQLite and keeps it on PostgreSQL (every third name is capitalised):
// the counts differ between the two, and the count query filters as the rows did on each.
import type { Knex } from "knex";

type Db = { knex: Knex };

export async function countCapitalised({ knex }: Db, minAge: number) {
  return Number((await knex("students").where("age", ">", minAge).whereLike("name", "Name-%").count({ count: "*" }).first())?.count);
}

export async function countLikeOperator({ knex }: Db, minAge: number) {
  return Number((await knex("students").where("age", ">", minAge).andWhere("name", "like", "Name-%").count({ count: "*" }).first())?.count);
}

export async function countAnyCase({ knex }: Db, minAge: number) {
  return Number((await knex("students").where("age", ">", minAge).whereILike("name", "NAME-%").count({ count: "*" }).first())?.count);
}
