// @lazymod bands=medium,medium factors=cursor-holds-connection,postgres-stream-package messages=inline,binding
// A loop over every row → `for await` over `.stream()` (a connection is held while the loop runs).
// On PostgreSQL the stream needs `pg-query-stream` (installed here); without it the loop throws.
import type { Knex } from "knex";

type Db = { knex: Knex };

export async function totalAge({ knex }: Db, minAge: number) {
  let total = 0;
  for (const student of await knex("students").where("age", ">", minAge).orderBy("id")) {
    total += student.age;
  }
  return total;
}

export async function namesByAge({ knex }: Db, minAge: number) {
  const byAge = new Map<number, string[]>();
  const students = await knex("students").select("name", "age").where("age", ">", minAge).orderBy("id");
  for (const { name, age } of students) {
    byAge.set(age, [...(byAge.get(age) ?? []), name]);
  }
  return [...byAge.entries()];
}
