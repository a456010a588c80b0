// @lazymod bands=low,low,low factors=orm-api-version,orm-hooks-differ messages=inline,inline,inline
// A chain left with one call goes on one line; `(await …)` keeps the parentheses formatters give it.
import { MoreThan, type Repository } from "typeorm";

type Student = { id: number; age: number };
type Db = { studentRepository: Repository<Student> };

export function anyOlder({ studentRepository }: Db, minAge: number) {
  return studentRepository
    .find({ where: { age: MoreThan(minAge) } })
    .then((rows) => rows.length > 0);
}

export async function noneOlder({ studentRepository }: Db, minAge: number) {
  return (
    (await studentRepository.findBy({ age: MoreThan(minAge) })).length === 0
  );
}

export async function countIsZero({ studentRepository }: Db, minAge: number) {
  return !((await studentRepository.findBy({ age: MoreThan(minAge) })).length > 0);
}
