// @lazymod bands=low,low factors=orm-api-version,orm-hooks-differ messages=inline,inline
// A receiver no name gives away, but that the file declares with TypeORM's type: an injected
// constructor parameter property and a class field (`@InjectRepository(Student) private readonly
// students: Repository<Student>`, as NestJS writes it).
import { MoreThan, type Repository } from "typeorm";

type Student = { id: number; name: string; age: number };
type Db = { studentRepository: Repository<Student> };

class StudentsService {
  constructor(private readonly students: Repository<Student>) {}

  async anyOlder(minAge: number) {
    return await this.students.exists({ where: { age: MoreThan(minAge) } });
  }
}

class Roster {
  pupils!: Repository<Student>;

  async anyYounger(maxAge: number) {
    return !(await this.pupils.existsBy({ age: MoreThan(maxAge) }));
  }
}

export async function anyOlder({ studentRepository }: Db, minAge: number) {
  return new StudentsService(studentRepository).anyOlder(minAge);
}

export async function noneOlder({ studentRepository }: Db, minAge: number) {
  const roster = new Roster();
  roster.pupils = studentRepository;
  return roster.anyYounger(minAge);
}
