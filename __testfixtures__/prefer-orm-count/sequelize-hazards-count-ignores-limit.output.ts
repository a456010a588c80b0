// @lazymod bands=high factors=orm-hooks-differ,pagination-dropped messages=inline
import { Op, type ModelStatic } from "sequelize";

type Db = { Student: ModelStatic<any> };

// `count` ignores `limit`.
export async function pageSize({ Student }: Db, minAge: number) {
  return await Student.count({ where: { age: { [Op.gt]: minAge } }, limit: 10 });
}
