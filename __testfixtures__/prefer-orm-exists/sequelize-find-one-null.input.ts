// @lazymod bands=low,low,low,low factors=none messages=binding,inline,binding,inline
// Sequelize has no existence query: `findOne(…)` tested against `null`.
import { Op, type ModelStatic } from "sequelize";

type Db = { Student: ModelStatic<any>; Enrollment: ModelStatic<any> };

export async function hasOlderStudents({ Student }: Db, minAge: number) {
  const students = await Student.findAll({ where: { age: { [Op.gt]: minAge } } });
  if (students.length === 0) {
    return "none";
  }
  return "some";
}

export async function hasEnrolledOlderStudents({ Student, Enrollment }: Db, minAge: number) {
  return (
    (
      await Student.findAll({
        where: { age: { [Op.gt]: minAge } },
        include: [{ model: Enrollment, as: "enrollments", required: true, where: { course: "art" } }],
      })
    ).length > 0
  );
}

export async function olderStudentsNote({ Student }: Db, minAge: number) {
  const older = await Student.findAll({ where: { age: { [Op.gt]: minAge } }, order: [["age", "DESC"]], offset: 40 });
  const note = older.length ? "more than 40" : "40 or fewer";
  return { note, any: Boolean(older.length) };
}

export function hasOlderStudentsLater({ Student }: Db, minAge: number) {
  return Student.findAll({ where: { age: { [Op.gt]: minAge } }, raw: true }).then((rows) => !rows.length);
}
