// @lazymod bands=low,low factors=none messages=inline,destructure databases-differ=true
// NULL grades sort first ascending on SQLite and last on PostgreSQL: the answers differ between
// the two, but `findOne` sorts as `findAll` did on each, so the rewrite is the same query.
import { Op, type ModelStatic } from "sequelize";

type Db = { Enrollment: ModelStatic<any> };

export async function lowestGrade({ Enrollment }: Db, minAge: number) {
  return (await Enrollment.findAll({ where: { studentId: { [Op.gt]: minAge } }, order: [["grade", "ASC"], ["id", "ASC"]], raw: true }))[0] ?? null;
}

export async function highestGrade({ Enrollment }: Db, minAge: number) {
  const [top] = await Enrollment.findAll({ where: { studentId: { [Op.gt]: minAge } }, order: [["grade", "DESC"], ["id", "ASC"]] });
  return top ? `${top.id}: ${top.grade}` : "none";
}
