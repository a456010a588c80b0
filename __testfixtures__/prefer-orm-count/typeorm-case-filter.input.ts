// @lazymod bands=low,low factors=orm-hooks-differ messages=inline,binding databases-differ=true
// `Like` ignores ASCII case on SQLite and keeps it on PostgreSQL (every third name is
// capitalised): the counts differ between the two, and `count` filters as `find` did on each.
// `ILike` is ILIKE on PostgreSQL and UPPER(…) LIKE UPPER(…) elsewhere: the same on both.
import { ILike, Like, MoreThan, type Repository } from "typeorm";

type Student = { id: number; name: string; age: number };
type Db = { studentRepository: Repository<Student> };

export async function countCapitalised({ studentRepository }: Db, minAge: number) {
  return (await studentRepository.find({ where: { age: MoreThan(minAge), name: Like("Name-%") } })).length;
}

export async function countAnyCase({ studentRepository }: Db, minAge: number) {
  const found = await studentRepository.findBy({ age: MoreThan(minAge), name: ILike("NAME-%") });
  return found.length;
}
