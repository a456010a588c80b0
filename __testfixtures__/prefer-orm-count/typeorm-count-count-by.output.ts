// @lazymod bands=low,low,low factors=orm-hooks-differ messages=inline,binding,binding
// `find`/`findBy`/`manager.find` → `count`/`countBy`/`manager.count`; the order is dropped.
import { In, MoreThan, type EntityManager, type Repository } from "typeorm";

type Student = { id: number; name: string; age: number };
type Db = { studentRepository: Repository<Student>; manager: EntityManager };

export async function countOlderStudents({ studentRepository }: Db, minAge: number) {
  return await studentRepository.count({ where: { age: MoreThan(minAge) } });
}

export async function allFound({ studentRepository }: Db, minAge: number) {
  const ids = [minAge - 9, minAge - 8, minAge + 11];
  const foundCount = await studentRepository.countBy({ id: In(ids) });
  if (foundCount !== ids.length) return `missing ${ids.length - foundCount}`;
  return "all found";
}

export async function countWithCourses({ manager }: Db, minAge: number) {
  return await manager.count("Student", { where: { age: MoreThan(minAge) }, relations: { enrollments: true } });
}
