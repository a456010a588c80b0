// @lazymod bands=low,low,low factors=orm-hooks-differ messages=inline,binding,binding
// `find`/`findBy`/`manager.find` → `count`/`countBy`/`manager.count`; the order is dropped.
import { In, MoreThan, type EntityManager, type Repository } from "typeorm";

type Student = { id: number; name: string; age: number };
type Db = { studentRepository: Repository<Student>; manager: EntityManager };

export async function countOlderStudents({ studentRepository }: Db, minAge: number) {
  return (await studentRepository.find({ where: { age: MoreThan(minAge) }, order: { id: "ASC" } })).length;
}

export async function allFound({ studentRepository }: Db, minAge: number) {
  const ids = [minAge - 9, minAge - 8, minAge + 11];
  const found = await studentRepository.findBy({ id: In(ids) });
  if (found.length !== ids.length) return `missing ${ids.length - found.length}`;
  return "all found";
}

export async function countWithCourses({ manager }: Db, minAge: number) {
  const students = await manager.find("Student", { where: { age: MoreThan(minAge) }, relations: { enrollments: true } });
  return students.length;
}
