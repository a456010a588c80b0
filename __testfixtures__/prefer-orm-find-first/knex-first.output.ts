// @lazymod bands=low,low,low factors=non-null-assertion messages=inline,binding,destructure
// Knex: `[0]` of the rows → `.first()` (both `undefined` when there is no row).
import type { Knex } from "knex";

type Db = { knex: Knex };

export async function oldest({ knex }: Db, minAge: number) {
  return (await knex("students").select("id", "name").where("age", ">", minAge).orderBy([{ column: "age", order: "desc" }, "id"]).first())!;
}

export async function firstEnrollment({ knex }: Db, minAge: number) {
  const firstRow = await knex("enrollments").join("students", "students.id", "enrollments.studentId").where("age", ">", minAge).orderBy("enrollments.id").first();
  if (firstRow === undefined) return undefined;
  return firstRow.course;
}

export async function firstPastTen({ knex }: Db, minAge: number) {
  const row = (await knex("students").where("age", ">", minAge).orderBy("id").offset(10).limit(50).first())!;
  return row;
}
