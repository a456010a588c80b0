// @lazymod bands=medium factors=projection-drops-fields messages=binding
// Four-space indentation: a `where` laid out over several lines moves one level in, by four spaces.
import { MoreThan, type Repository } from "typeorm";

type Student = { id: number; name: string; age: number };
type Db = { studentRepository: Repository<Student> };

export async function olderAges({ studentRepository }: Db, minAge: number) {
    const students = await studentRepository.findBy({
        age: MoreThan(minAge),
    });
    return students.map((s) => s.age).sort();
}
