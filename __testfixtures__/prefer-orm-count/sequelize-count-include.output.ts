// @lazymod bands=medium,medium,medium,medium factors=orm-hooks-differ,to-many-join messages=inline,binding,inline,binding
// `count` with `include`, in the forms the two databases could count differently: a filtered
// include (an inner join), an optional one (a left join), and from the to-one side. With
// `distinct: true` each counts the model's rows, as `findAll` returned them, on both.
import { Op, type ModelStatic } from "sequelize";

type Db = { Student: ModelStatic<any>; Enrollment: ModelStatic<any> };

export async function countTakingArt({ Student, Enrollment }: Db, minAge: number) {
  return await Student.count({ where: { age: { [Op.gt]: minAge } }, include: [{ model: Enrollment, as: "enrollments", where: { course: "art" } }], distinct: true });
}

export async function countWithOrWithout({ Student, Enrollment }: Db, minAge: number) {
  return await Student.count({ where: { age: { [Op.gt]: minAge } }, include: [{ model: Enrollment, as: "enrollments", required: false }], distinct: true });
}

export async function countEnrollmentsOfOlder({ Student, Enrollment }: Db, minAge: number) {
  return await Enrollment.count({ include: [{ model: Student, as: "student", where: { age: { [Op.gt]: minAge } } }], distinct: true });
}

export async function countGradedOfOlder({ Student, Enrollment }: Db, minAge: number) {
  return await Enrollment.count({ where: { grade: { [Op.ne]: null } }, include: [{ model: Student, as: "student", where: { age: { [Op.gt]: minAge } }, attributes: ["id"] }], distinct: true });
}
