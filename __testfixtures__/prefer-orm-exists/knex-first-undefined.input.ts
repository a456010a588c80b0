// @lazymod bands=low,low,low,low factors=none messages=binding,inline,binding,inline
// Knex: `.first()` tested against `undefined`.
import type { Knex } from "knex";

type Db = { knex: Knex };

export async function hasOlderStudents({ knex }: Db, minAge: number) {
  const students = await knex("students").where("age", ">", minAge);
  if (students.length > 0) return "some";
  return "none";
}

export async function noOlderArtStudents({ knex }: Db, minAge: number) {
  return (
    (await knex("students").join("enrollments", "enrollments.studentId", "students.id").where("age", ">", minAge).andWhere("course", "art")).length === 0
  );
}

export async function olderStudentsNote({ knex }: Db, minAge: number) {
  const older = await knex.select("id", "name").from("students").where("age", ">", minAge).orderBy("age", "desc").offset(40);
  const note = older.length ? "more than 40" : "40 or fewer";
  return { note, any: older.length >= 1 };
}

export function hasOlderStudentsLater({ knex }: Db, minAge: number) {
  return knex("students").where("age", ">", minAge).then((rows) => rows.length > 0);
}
