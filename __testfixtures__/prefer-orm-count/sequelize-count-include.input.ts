// @lazymod bands=medium,medium,medium,medium factors=orm-hooks-differ,to-many-join messages=inline,binding,inline,binding
// `count` with `include`, in the forms the two databases could count differently: a filtered
// include (an inner join), an optional one (a left join), and from the to-one side. With
// `distinct: true` each counts the model's rows, as `findAll` returned them, on both.
import { Op, type ModelStatic } from "sequelize";

type Db = { Student: ModelStatic<any>; Enrollment: ModelStatic<any> };

export async function countTakingArt({ Student, Enrollment }: Db, minAge: number) {
  return (await Student.findAll({ where: { age: { [Op.gt]: minAge } }, include: [{ model: Enrollment, as: "enrollments", where: { course: "art" } }] })).length;
}

export async function countWithOrWithout({ Student, Enrollment }: Db, minAge: number) {
  const students = await Student.findAll({ where: { age: { [Op.gt]: minAge } }, include: [{ model: Enrollment, as: "enrollments", required: false }] });
  return students.length;
}

export async function countEnrollmentsOfOlder({ Student, Enrollment }: Db, minAge: number) {
  return (await Enrollment.findAll({ include: [{ model: Student, as: "student", where: { age: { [Op.gt]: minAge } } }] })).length;
}

export async function countGradedOfOlder({ Student, Enrollment }: Db, minAge: number) {
  const graded = await Enrollment.findAll({ where: { grade: { [Op.ne]: null } }, include: [{ model: Student, as: "student", where: { age: { [Op.gt]: minAge } }, attributes: ["id"] }] });
  return graded.length;
}
