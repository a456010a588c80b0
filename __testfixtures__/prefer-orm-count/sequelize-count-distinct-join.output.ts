// @lazymod bands=low,medium,low factors=orm-hooks-differ,to-many-join messages=inline,binding,binding
// `findAll(…)` → `count(…)`: `attributes`, `order` and `raw` are dropped, and a required to-many
// `include` gets `distinct: true`.
import { Op, type ModelStatic } from "sequelize";

type Db = { Student: ModelStatic<any>; Enrollment: ModelStatic<any> };

export async function countOlderStudents({ Student }: Db, minAge: number) {
  return await Student.count({ where: { age: { [Op.gt]: minAge } } });
}

// Two enrollments per student would count twice without `distinct: true`.
export async function countEnrolled({ Student, Enrollment }: Db, minAge: number) {
  const enrolledCount = await Student.count({
    where: { age: { [Op.gt]: minAge } },
    include: [{ model: Enrollment, as: "enrollments", required: true }],
    distinct: true,
  });
  return enrolledCount;
}

export async function allFound({ Student }: Db, minAge: number) {
  const ids = [minAge - 9, minAge - 8, minAge + 11];
  const foundCount = await Student.count({ where: { id: ids } });
  return foundCount === ids.length ? "all" : `${foundCount} of ${ids.length}`;
}
