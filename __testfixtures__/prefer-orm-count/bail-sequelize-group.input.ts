// @lazymod bands=none factors=none messages=none
// Sequelize `group`: `count` with `group` returns one number per group, not the number of rows.
import { Op, type ModelStatic } from "sequelize";

export async function groups(Student: ModelStatic<any>) {
  return (await Student.findAll({ where: { age: { [Op.gt]: 20 } }, group: ["age"] })).length;
}
