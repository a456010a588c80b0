// @lazymod bands=low,low,low,low factors=none messages=binding,inline,binding,inline
// Sequelize has no existence query: `findOne(…)` tested against `null`.
import { Op, type ModelStatic } from "sequelize";

type Db = { Student: ModelStatic<any>; Enrollment: ModelStatic<any> };

export async function hasOlderStudents({ Student }: Db, minAge: number) {
  if ((await Student.findOne({ where: { age: { [Op.gt]: minAge } } })) === null) {
    return "none";
  }
  return "some";
}

export async function hasEnrolledOlderStudents({ Student, Enrollment }: Db, minAge: number) {
  return (
    (await Student.findOne({
      where: { age: { [Op.gt]: minAge } },
      include: [{ model: Enrollment, as: "enrollments", required: true, where: { course: "art" } }],
    })) !== null
  );
}

export async function olderStudentsNote({ Student }: Db, minAge: number) {
  const hasOlder = (await Student.findOne({ where: { age: { [Op.gt]: minAge } }, order: [["age", "DESC"]], offset: 40 })) !== null;
  const note = hasOlder ? "more than 40" : "40 or fewer";
  return { note, any: hasOlder };
}

export function hasOlderStudentsLater({ Student }: Db, minAge: number) {
  return Student.findOne({ where: { age: { [Op.gt]: minAge } }, raw: true }).then((firstRow) => !firstRow);
}
