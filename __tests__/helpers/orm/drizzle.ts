import Database from "better-sqlite3";
import { relations } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { NAME_COLUMNS } from "./seed.js";

export const students = sqliteTable("students", {
  id: integer("id").primaryKey(),
  ...Object.fromEntries(NAME_COLUMNS.map((c) => [c, text(c).notNull()])),
  age: integer("age").notNull(),
});

export const enrollments = sqliteTable("enrollments", {
  id: integer("id").primaryKey(),
  studentId: integer("studentId").notNull(),
  course: text("course").notNull(),
});

export const studentsRelations = relations(students, ({ many }) => ({
  enrollments: many(enrollments),
}));
export const enrollmentsRelations = relations(enrollments, ({ one }) => ({
  student: one(students, { fields: [enrollments.studentId], references: [students.id] }),
}));

const schema = { students, enrollments, studentsRelations, enrollmentsRelations };

/** What the Drizzle fixtures receive: the database and its tables. */
export async function openDrizzle(file: string): Promise<{
  db: {
    db: BetterSQLite3Database<typeof schema>;
    students: typeof students;
    enrollments: typeof enrollments;
  };
  close: () => Promise<void>;
}> {
  const sqlite = new Database(file);
  const db = drizzle({ client: sqlite, schema });
  return { db: { db, students, enrollments }, close: async () => void sqlite.close() };
}
