// @lazymod bands=medium factors=orm-hooks-differ,orm-hooks-in-file messages=inline
import { Op, type ModelStatic } from "sequelize";

type Db = { Student: ModelStatic<any> };

// A `beforeFind` hook (a tenant scope built that way) narrows `findAll`; `count` runs
// `beforeCount` instead.
export async function countInTenant({ Student }: Db, minAge: number) {
  Student.addHook("beforeFind", "tenant", (options: { where?: object }) => {
    options.where = { [Op.and]: [options.where ?? {}, { id: { [Op.lte]: 50 } }] };
  });
  try {
    return (await Student.findAll({ where: { age: { [Op.gt]: minAge } } })).length;
  } finally {
    Student.removeHook("beforeFind", "tenant");
  }
}
