// The student report, as the NestJS back office wrote it on TypeORM: the repository injected.
import { MoreThan, type Repository } from "typeorm";
import { StudentRecord } from "./student-entity";
import { InjectRepository } from "./inject";

export class StudentReportService {
  constructor(
    @InjectRepository(StudentRecord) private readonly studentRepository: Repository<StudentRecord>,
  ) {}

  async hasAdultStudents(): Promise<boolean> {
    const students = await this.studentRepository.find({ where: { age: MoreThan(20) } });
    return students.length > 0;
  }

  async adultStudentCount(): Promise<number> {
    const students = await this.studentRepository.find({ where: { age: MoreThan(20) } });
    return students.length;
  }

  async firstAdultStudent(): Promise<StudentRecord | undefined> {
    const students = await this.studentRepository.find({
      where: { age: MoreThan(20) },
      order: { id: "ASC" },
    });
    return students[0];
  }
}
