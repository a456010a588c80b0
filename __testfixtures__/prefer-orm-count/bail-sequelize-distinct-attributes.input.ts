// @lazymod bands=none factors=none messages=none
// `attributes` that make the rows a DISTINCT (or one aggregate row): their number is not the
// count of matching students, on SQLite as on PostgreSQL, so there is no count to write.
import { Op, fn, col, literal, type ModelStatic } from "sequelize";

type Db = { Student: ModelStatic<any> };

export async function distinctAges({ Student }: Db, minAge: number) {
  return (await Student.findAll({ attributes: [[fn("DISTINCT", col("age")), "age"]], where: { age: { [Op.gt]: minAge } } })).length;
}

export async function aggregateRows({ Student }: Db, minAge: number) {
  const rows = await Student.findAll({ attributes: [[fn("COUNT", col("id")), "n"]], where: { age: { [Op.gt]: minAge } }, raw: true });
  return rows.length;
}

export async function distinctLiteral({ Student }: Db) {
  return (await Student.findAll({ attributes: [literal("DISTINCT age")] })).length;
}
