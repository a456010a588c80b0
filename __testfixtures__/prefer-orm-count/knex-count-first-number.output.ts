// @lazymod bands=low,low,low factors=count-value-shape messages=inline,binding,inline
// Knex: the rows' `.length` → `count({ count: "*" }).first()` read with `Number(…)`; the select list
// and the order are dropped.
import type { Knex } from "knex";

type Db = { knex: Knex };

export async function countOlderStudents({ knex }: Db, minAge: number) {
  return Number((await knex("students").where("age", ">", minAge).count({ count: "*" }).first())?.count);
}

// A join returns one row per enrollment; so does the count.
export async function countEnrollmentRows({ knex }: Db, minAge: number) {
  const rowCount = Number((await knex("students")
    .join("enrollments", "enrollments.studentId", "students.id")
    .where("age", ">", minAge)
    .count({ count: "*" })
    .first())?.count);
  if (rowCount === 0) return "no enrollments";
  return `${rowCount} enrollments`;
}

export function countLater({ knex }: Db, minAge: number) {
  return knex.from("students").whereIn("age", [minAge, minAge + 1]).count({ count: "*" }).first().then((countRow) => Number(countRow?.count));
}
