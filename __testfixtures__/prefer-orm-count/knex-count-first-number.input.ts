// @lazymod bands=low,low,low factors=count-value-shape messages=inline,binding,inline
// Knex: the rows' `.length` → `count({ count: "*" }).first()` read with `Number(…)`; the select list
// and the order are dropped.
import type { Knex } from "knex";

type Db = { knex: Knex };

export async function countOlderStudents({ knex }: Db, minAge: number) {
  return (await knex("students").where("age", ">", minAge)).length;
}

// A join returns one row per enrollment; so does the count.
export async function countEnrollmentRows({ knex }: Db, minAge: number) {
  const rows = await knex("students")
    .select("students.id", "course")
    .join("enrollments", "enrollments.studentId", "students.id")
    .where("age", ">", minAge)
    .orderBy("students.id");
  if (rows.length === 0) return "no enrollments";
  return `${rows.length} enrollments`;
}

export function countLater({ knex }: Db, minAge: number) {
  return knex.select("*").from("students").whereIn("age", [minAge, minAge + 1]).then((rows) => rows.length);
}
