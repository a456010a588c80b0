// @lazymod bands=medium factors=iteration-loads-all-rows statuses=report messages=inline
import type { Knex } from "knex";

// The body awaits another query: a stream would hold the pool's only SQLite connection meanwhile.
export async function coursesOfOlder(knex: Knex, minAge: number) {
  const courses: string[] = [];
  for (const student of await knex("students").where("age", ">", minAge)) {
    const rows = await knex("enrollments").where("studentId", student.id);
    courses.push(...rows.map((r) => r.course));
  }
  return courses;
}
