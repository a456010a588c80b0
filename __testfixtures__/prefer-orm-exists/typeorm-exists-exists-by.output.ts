// @lazymod bands=low,low,low,low,low factors=orm-api-version,orm-hooks-differ messages=binding,inline,binding,inline,binding
// `find`/`findBy`/`manager.find` → `exists`/`existsBy`/`manager.exists` (TypeORM 0.3.18+).
import { MoreThan, type EntityManager, type Repository } from "typeorm";

type Student = { id: number; name: string; age: number };
type Db = { studentRepository: Repository<Student>; manager: EntityManager };

export async function hasOlderStudents({ studentRepository }: Db, minAge: number) {
  if (await studentRepository.exists({ where: { age: MoreThan(minAge) } })) return "some";
  return "none";
}

export async function noOlderStudents({ studentRepository }: Db, minAge: number) {
  return !(await studentRepository.existsBy({ age: MoreThan(minAge) }));
}

export async function olderWithCourses({ manager }: Db, minAge: number) {
  const hasStudents = await manager.exists("Student", {
    where: { age: MoreThan(minAge) },
    relations: { enrollments: true },
    order: { id: "ASC" },
  });
  const status = hasStudents ? "found" : "missing";
  return hasStudents ? status : `${status}!`;
}

export function hasOlderStudentsLater({ studentRepository }: Db, minAge: number) {
  return studentRepository.exists({ where: { age: MoreThan(minAge) } });
}

export async function hasOlderOnPage({ studentRepository }: Db, minAge: number) {
  return await studentRepository.exists({ where: { age: MoreThan(minAge) }, take: 10 });
}
