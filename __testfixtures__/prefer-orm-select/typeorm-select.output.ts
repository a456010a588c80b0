// @lazymod bands=medium,medium factors=projection-drops-fields messages=binding,inline
// Only the columns the callback reads: `select: { name: true }` (entities: projection-drops-fields).
import { MoreThan, type Repository } from "typeorm";

type Student = { id: number; name: string; age: number };
type Db = { studentRepository: Repository<Student> };

export async function olderNames({ studentRepository }: Db, minAge: number) {
  const students = await studentRepository.find({ where: { age: MoreThan(minAge) }, order: { id: "ASC" }, select: { name: true } });
  return students.map((s) => s.name);
}

export async function olderAges({ studentRepository }: Db, minAge: number) {
  return (await studentRepository.find({ where: { age: MoreThan(minAge) }, select: { age: true } })).map((s) => s.age).sort();
}
