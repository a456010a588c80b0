// @lazymod bands=medium,medium factors=projection-drops-fields messages=binding,binding
// Only the columns the callback reads: `attributes: ["name"]` (model instances:
// projection-drops-fields).
import { Op, type ModelStatic } from "sequelize";

type Db = { Student: ModelStatic<any> };

export async function olderNames({ Student }: Db, minAge: number) {
  const students = await Student.findAll({ where: { age: { [Op.gt]: minAge } }, order: [["id", "ASC"]] });
  return students.map((s) => s.name);
}

export async function olderSummary({ Student }: Db, minAge: number) {
  const students = await Student.findAll({ where: { age: { [Op.gt]: minAge } }, order: [["id", "ASC"]] });
  return { count: students.length, names: students.map((s) => `${s.name} (${s.age})`) };
}
