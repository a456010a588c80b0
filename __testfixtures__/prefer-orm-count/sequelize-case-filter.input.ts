// @lazymod bands=low,low factors=orm-hooks-differ messages=inline,binding databases-differ=true postgres-only=countAnyCase
// `Op.like` ignores ASCII case on SQLite and keeps it on PostgreSQL (every third name is
// capitalised): the counts differ between the two, and `count` filters as `findAll` did on each.
// `Op.iLike` is PostgreSQL's: on SQLite it fails, before and after.
import { Op, type ModelStatic } from "sequelize";

type Db = { Student: ModelStatic<any> };

export async function countCapitalised({ Student }: Db, minAge: number) {
  return (await Student.findAll({ where: { age: { [Op.gt]: minAge }, name: { [Op.like]: "Name-%" } } })).length;
}

export async function countAnyCase({ Student }: Db, minAge: number) {
  const found = await Student.findAll({ where: { age: { [Op.gt]: minAge }, name: { [Op.iLike]: "NAME-%" } } });
  return found.length;
}
