// @lazymod bands=low,low,low,low factors=none messages=binding,inline,binding,inline
// Knex: `.first()` tested against `undefined`.
import type { Knex } from "knex";

type Db = { knex: Knex };

export async function hasOlderStudents({ knex }: Db, minAge: number) {
  if ((await knex("students").where("age", ">", minAge).first()) !== undefined) return "some";
  return "none";
}

export async function noOlderArtStudents({ knex }: Db, minAge: number) {
  return (
    (await knex("students").join("enrollments", "enrollments.studentId", "students.id").where("age", ">", minAge).andWhere("course", "art").first()) === undefined
  );
}

export async function olderStudentsNote({ knex }: Db, minAge: number) {
  const hasOlder = (await knex.select("id", "name").from("students").where("age", ">", minAge).orderBy("age", "desc").offset(40).first()) !== undefined;
  const note = hasOlder ? "more than 40" : "40 or fewer";
  return { note, any: hasOlder };
}

export function hasOlderStudentsLater({ knex }: Db, minAge: number) {
  return knex("students").where("age", ">", minAge).first().then((firstRow) => firstRow !== undefined);
}
