// @lazymod bands=medium,medium factors=first-row-ties messages=inline,destructure postgres-differs=oldest,youngestOlder
// Ordered by age alone, ten students tie at each age. SQLite reads the full load and the one-row
// query alike (through the age index); PostgreSQL sorts the full load but reads `findOne` through
// the index, and another of the tied students comes first: held back (`first-row-ties`).
import { MoreThan, type Repository } from "typeorm";

type Student = { id: number; name: string; age: number };
type Db = { studentRepository: Repository<Student> };

export async function oldest({ studentRepository }: Db, minAge: number) {
  return (await studentRepository.find({ where: { age: MoreThan(minAge) }, order: { age: "DESC" } }))[0]?.id ?? null;
}

export async function youngestOlder({ studentRepository }: Db, minAge: number) {
  const [first] = await studentRepository.find({ where: { age: MoreThan(minAge) }, order: { age: "ASC" } });
  return first?.id ?? null;
}
