// @lazymod bands=high factors=orm-api-version,orm-hooks-differ,pagination-dropped messages=binding
import { MoreThan, type Repository } from "typeorm";

// `exists` ignores `skip`: past the last page there are no rows, but there are students.
export async function hasPageNine({ studentRepository }: { studentRepository: Repository<{ age: number }> }, minAge: number) {
  return await studentRepository.exists({ where: { age: MoreThan(minAge) }, skip: 80, take: 10 });
}
