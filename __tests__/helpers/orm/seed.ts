import Database from "better-sqlite3";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

/** The incident's table: `name`, `name2` … `name15` (20-character strings) and `age`. */
export const NAME_COLUMNS = ["name", ...Array.from({ length: 14 }, (_, i) => `name${i + 2}`)];

export interface SeedOptions {
  students: number;
  /** Age of student `id` (1-based). */
  ageOf: (id: number) => number;
  /** Enrollments of student `id` (course names). */
  enrollmentsOf?: (id: number) => readonly string[];
  /** The grade of an enrollment, or null (the default) for none yet. */
  gradeOf?: (id: number, course: string) => number | null;
}

/**
 * The equivalence tests' data: 200 students aged 10–29 (`age > 20`: 90), some with two courses;
 * two math enrollments in three have a grade (1–5), the others and every art one have none (NULL,
 * which SQLite sorts first and PostgreSQL last).
 */
export const TEST_DATA: SeedOptions = {
  students: 200,
  ageOf: (id) => 10 + (id % 20),
  enrollmentsOf: (id) => (id % 4 === 0 ? ["math", "art"] : id % 4 === 1 ? ["math"] : []),
  gradeOf: (id, course) => (course === "math" && id % 3 !== 0 ? 1 + (id % 5) : null),
};

/**
 * `name7-000042xxxxxxxx`: 20 characters. Every third student's `name` starts with a capital
 * (`Name-000042…`), so that filters on case tell SQLite's LIKE (ASCII case ignored) from
 * PostgreSQL's (case kept).
 */
function text20(column: string, id: number): string {
  const text = `${column}-${String(id).padStart(6, "0")}`.padEnd(20, "x").slice(0, 20);
  return column === "name" && id % 3 === 0 ? `N${text.slice(1)}` : text;
}

/** One student as inserted: `id`, the NAME_COLUMNS values in order, `age`, and its enrollments. */
export interface SeedStudent {
  id: number;
  names: string[];
  age: number;
  enrollments: { course: string; grade: number | null }[];
}

/** The rows every database is seeded with, so SQLite and PostgreSQL hold the same data. */
export function* seedStudents(options: SeedOptions): Generator<SeedStudent> {
  for (let id = 1; id <= options.students; id++)
    yield {
      id,
      names: NAME_COLUMNS.map((c) => text20(c, id)),
      age: options.ageOf(id),
      enrollments: (options.enrollmentsOf?.(id) ?? []).map((course) => ({
        course,
        grade: options.gradeOf?.(id, course) ?? null,
      })),
    };
}

/** Creates a fresh SQLite file with `students` and `enrollments`, filled in one transaction. */
export function seedDatabase(file: string, options: SeedOptions): void {
  mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  const db = new Database(file);
  try {
    db.exec(`CREATE TABLE students (
      id INTEGER PRIMARY KEY,
      ${NAME_COLUMNS.map((c) => `${c} TEXT NOT NULL`).join(",\n      ")},
      age INTEGER NOT NULL
    );
    CREATE TABLE enrollments (
      id INTEGER PRIMARY KEY,
      studentId INTEGER NOT NULL REFERENCES students(id),
      course TEXT NOT NULL,
      grade INTEGER
    );
    CREATE INDEX students_age ON students(age);`);
    const student = db.prepare(
      `INSERT INTO students (id, ${NAME_COLUMNS.join(", ")}, age) VALUES (?, ${NAME_COLUMNS.map(() => "?").join(", ")}, ?)`,
    );
    const enrollment = db.prepare(
      "INSERT INTO enrollments (studentId, course, grade) VALUES (?, ?, ?)",
    );
    db.transaction(() => {
      for (const { id, names, age, enrollments } of seedStudents(options)) {
        student.run(id, ...names, age);
        for (const { course, grade } of enrollments) enrollment.run(id, course, grade);
      }
    })();
  } finally {
    db.close();
  }
}
