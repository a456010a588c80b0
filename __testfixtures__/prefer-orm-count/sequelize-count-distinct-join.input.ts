// @lazymod bands=low,medium,low factors=orm-hooks-differ,to-many-join messages=inline,binding,binding
// `findAll(…)` → `count(…)`: `attributes`, `order` and `raw` are dropped, and a required to-many
// `include` gets `distinct: true`.
import { Op, type ModelStatic } from "sequelize";

type Db = { Student: ModelStatic<any>; Enrollment: ModelStatic<any> };

export async function countOlderStudents({ Student }: Db, minAge: number) {
  return (await Student.findAll({ where: { age: { [Op.gt]: minAge } }, attributes: ["id"], order: [["id", "ASC"]] })).length;
}

// Two enrollments per student would count twice without `distinct: true`.
export async function countEnrolled({ Student, Enrollment }: Db, minAge: number) {
  const enrolled = await Student.findAll({
    where: { age: { [Op.gt]: minAge } },
    include: [{ model: Enrollment, as: "enrollments", required: true }],
  });
  return enrolled.length;
}

export async function allFound({ Student }: Db, minAge: number) {
  const ids = [minAge - 9, minAge - 8, minAge + 11];
  const found = await Student.findAll({ where: { id: ids }, raw: true });
  return found.length === ids.length ? "all" : `${found.length} of ${ids.length}`;
}
