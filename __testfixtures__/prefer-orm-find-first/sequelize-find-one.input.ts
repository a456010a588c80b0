// @lazymod bands=low,low,low factors=none messages=binding,inline,destructure
// `findAll(…)[0]` → `findOne(…)`, the order and offset kept; each use copes with `null` for no row.
import { Op, type ModelStatic } from "sequelize";

type Db = { Student: ModelStatic<any> };

export async function oldestName({ Student }: Db, minAge: number) {
  const students = await Student.findAll({ where: { age: { [Op.gt]: minAge } }, order: [["age", "DESC"], ["id", "ASC"]] });
  if (!students.length) return "nobody";
  return students[0].name;
}

export async function firstAfterOffset({ Student }: Db, minAge: number) {
  return (await Student.findAll({ where: { age: { [Op.gt]: minAge } }, order: [["id", "ASC"]], offset: 3, raw: true }))[0]?.id ?? -1;
}

export async function firstId({ Student }: Db, minAge: number) {
  const [first] = await Student.findAll({ where: { age: { [Op.gt]: minAge } }, order: [["id", "DESC"]] });
  return first?.id ?? null;
}
