// @lazymod bands=low,low,low,low,low factors=orm-api-version,orm-hooks-differ messages=binding,inline,binding,inline,binding
// `find`/`findBy`/`manager.find` → `exists`/`existsBy`/`manager.exists` (TypeORM 0.3.18+).
import { MoreThan, type EntityManager, type Repository } from "typeorm";

type Student = { id: number; name: string; age: number };
type Db = { studentRepository: Repository<Student>; manager: EntityManager };

export async function hasOlderStudents({ studentRepository }: Db, minAge: number) {
  const students = await studentRepository.find({ where: { age: MoreThan(minAge) } });
  if (students.length > 0) return "some";
  return "none";
}

export async function noOlderStudents({ studentRepository }: Db, minAge: number) {
  return (await studentRepository.findBy({ age: MoreThan(minAge) })).length === 0;
}

export async function olderWithCourses({ manager }: Db, minAge: number) {
  const students = await manager.find("Student", {
    where: { age: MoreThan(minAge) },
    relations: { enrollments: true },
    order: { id: "ASC" },
  });
  const status = students.length !== 0 ? "found" : "missing";
  return students.length > 0 ? status : `${status}!`;
}

export function hasOlderStudentsLater({ studentRepository }: Db, minAge: number) {
  return studentRepository.find({ where: { age: MoreThan(minAge) } }).then((rows) => rows.length > 0);
}

export async function hasOlderOnPage({ studentRepository }: Db, minAge: number) {
  const page = await studentRepository.find({ where: { age: MoreThan(minAge) }, take: 10 });
  return page.length > 0;
}
