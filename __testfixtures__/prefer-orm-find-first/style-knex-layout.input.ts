// @lazymod bands=low factors=none messages=binding
// A chain laid out one link per line gets the new link on a line of its own.
import type { Knex } from "knex";

type Db = { knex: Knex };

export async function firstOlderName({ knex }: Db, minAge: number) {
  const students = await knex("students")
    .where("age", ">", minAge)
    .orderBy("id");
  return students[0]?.name;
}
