// @lazymod bands=low,low,low factors=orm-api-version,orm-hooks-differ messages=inline,inline,inline
// A chain left with one call goes on one line; `(await …)` keeps the parentheses formatters give it.
import { MoreThan, type Repository } from "typeorm";

type Student = { id: number; age: number };
type Db = { studentRepository: Repository<Student> };

export function anyOlder({ studentRepository }: Db, minAge: number) {
  return studentRepository.exists({ where: { age: MoreThan(minAge) } });
}

export async function noneOlder({ studentRepository }: Db, minAge: number) {
  return !(await studentRepository.existsBy({ age: MoreThan(minAge) }));
}

export async function countIsZero({ studentRepository }: Db, minAge: number) {
  return !(await studentRepository.existsBy({ age: MoreThan(minAge) }));
}
