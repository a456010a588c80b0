// @lazymod bands=low,low factors=orm-hooks-differ messages=inline,binding
// A count over a to-many join: TypeORM counts distinct students (`COUNT(DISTINCT id)`), as the
// rows were students with their enrollments, on SQLite and PostgreSQL alike.
import { MoreThan, type Repository } from "typeorm";

type Student = { id: number; name: string; age: number; enrollments: { course: string }[] };
type Db = { studentRepository: Repository<Student> };

export async function countWithEnrollments({ studentRepository }: Db, minAge: number) {
  return (await studentRepository.find({ where: { age: MoreThan(minAge) }, relations: { enrollments: true } })).length;
}

export async function countTakingMath({ studentRepository }: Db, minAge: number) {
  const students = await studentRepository.find({ where: { age: MoreThan(minAge), enrollments: { course: "math" } }, relations: { enrollments: true }, order: { id: "ASC" } });
  return students.length;
}
