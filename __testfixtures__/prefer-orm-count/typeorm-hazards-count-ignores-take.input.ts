// @lazymod bands=high factors=orm-hooks-differ,pagination-dropped messages=inline
import { MoreThan, type Repository } from "typeorm";

// `count` ignores `take`: the page had at most 10 rows.
export async function pageSize({ studentRepository }: { studentRepository: Repository<{ age: number }> }, minAge: number) {
  return (await studentRepository.find({ where: { age: MoreThan(minAge) }, take: 10 })).length;
}
