import { DataSource, EntitySchema } from "typeorm";
import { NAME_COLUMNS } from "./seed.js";

export interface StudentRow {
  id: number;
  age: number;
  [name: string]: unknown;
}

const Student = new EntitySchema<StudentRow>({
  name: "Student",
  tableName: "students",
  columns: {
    id: { type: Number, primary: true },
    ...Object.fromEntries(NAME_COLUMNS.map((c) => [c, { type: String }])),
    age: { type: Number },
  },
  relations: {
    enrollments: { type: "one-to-many", target: "Enrollment", inverseSide: "student" },
  },
});

const Enrollment = new EntitySchema<{
  id: number;
  studentId: number;
  course: string;
  grade: number | null;
  student?: StudentRow;
}>({
  name: "Enrollment",
  tableName: "enrollments",
  columns: {
    id: { type: Number, primary: true, generated: true },
    studentId: { type: Number },
    course: { type: String },
    grade: { type: Number, nullable: true },
  },
  relations: {
    student: { type: "many-to-one", target: "Student", joinColumn: { name: "studentId" } },
  },
});

/** What the TypeORM fixtures receive: a data source, its manager and the Student repository. */
export function openTypeOrm(file: string) {
  return openDataSource({ type: "better-sqlite3", database: file });
}

/** The same on PostgreSQL: TypeORM's `postgres` driver (node-postgres), a pool of one connection. */
export function openTypeOrmPostgres(url: string) {
  return openDataSource({ type: "postgres", url, extra: { max: 1 } });
}

async function openDataSource(
  options:
    { type: "better-sqlite3"; database: string } | { type: "postgres"; url: string; extra: object },
) {
  const dataSource = new DataSource({ ...options, entities: [Student, Enrollment] });
  await dataSource.initialize();
  return {
    db: {
      dataSource,
      manager: dataSource.manager,
      studentRepository: dataSource.getRepository(Student),
    },
    close: () => dataSource.destroy(),
  };
}
