// @lazymod bands=low,low factors=none messages=inline,destructure databases-differ=true
// NULL grades sort first ascending on SQLite and last on PostgreSQL: the answers differ between
// the two, but `.first()` sorts as the full query did on each, so the rewrite is the same query.
import type { Knex } from "knex";

type Db = { knex: Knex };

export async function lowestGrade({ knex }: Db, minAge: number) {
  return (await knex("enrollments").where("studentId", ">", minAge).orderBy([{ column: "grade" }, "id"]))[0] ?? null;
}

export async function highestGrade({ knex }: Db, minAge: number) {
  const [top] = await knex("enrollments").where("studentId", ">", minAge).orderBy("grade", "desc").orderBy("id");
  return top ? `${top.id}: ${top.grade}` : "none";
}
