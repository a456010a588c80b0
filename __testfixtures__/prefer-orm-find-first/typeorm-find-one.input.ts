// @lazymod bands=low,low,low factors=none messages=binding,inline,destructure
// `find(…)[0]` → `findOne(…)`, the order and `skip` kept; each use copes with `null` for no row.
import { MoreThan, type EntityManager, type Repository } from "typeorm";

type Student = { id: number; name: string; age: number };
type Db = { studentRepository: Repository<Student>; manager: EntityManager };

export async function oldestName({ studentRepository }: Db, minAge: number) {
  const students = await studentRepository.find({ where: { age: MoreThan(minAge) }, order: { age: "DESC", id: "ASC" } });
  return students.length > 0 ? students[0].name : "nobody";
}

export async function firstOnSecondPage({ studentRepository }: Db, minAge: number) {
  return (await studentRepository.find({ where: { age: MoreThan(minAge) }, order: { id: "ASC" }, skip: 5 }))[0]?.id ?? -1;
}

export async function firstWithCourses({ manager }: Db, minAge: number) {
  const [first] = await manager.find("Student", { where: { age: MoreThan(minAge) }, relations: { enrollments: true }, order: { id: "ASC" } });
  return first ? `${first.id}: ${first.enrollments.length} courses` : "none";
}
