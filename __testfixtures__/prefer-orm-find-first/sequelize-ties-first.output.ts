// @lazymod bands=medium,medium factors=first-row-ties messages=inline,destructure postgres-differs=oldest,youngestOlder
// Ordered by age alone, ten students tie at each age. SQLite reads the full load and the one-row
// query alike (through the age index); PostgreSQL sorts the full load but reads `findOne` through
// the index, and another of the tied students comes first: held back (`first-row-ties`).
import { Op, type ModelStatic } from "sequelize";

type Db = { Student: ModelStatic<any> };

export async function oldest({ Student }: Db, minAge: number) {
  return (await Student.findOne({ where: { age: { [Op.gt]: minAge } }, order: [["age", "DESC"]] }))?.id ?? null;
}

export async function youngestOlder({ Student }: Db, minAge: number) {
  const first = await Student.findOne({ where: { age: { [Op.gt]: minAge } }, order: [["age", "ASC"]] });
  return first?.id ?? null;
}
