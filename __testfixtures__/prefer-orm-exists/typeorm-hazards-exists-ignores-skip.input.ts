// @lazymod bands=high factors=orm-api-version,orm-hooks-differ,pagination-dropped messages=binding
import { MoreThan, type Repository } from "typeorm";

// `exists` ignores `skip`: past the last page there are no rows, but there are students.
export async function hasPageNine({ studentRepository }: { studentRepository: Repository<{ age: number }> }, minAge: number) {
  const page = await studentRepository.find({ where: { age: MoreThan(minAge) }, skip: 80, take: 10 });
  return page.length > 0;
}
