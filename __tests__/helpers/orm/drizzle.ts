import Database from "better-sqlite3";
import { relations } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import * as pgCore from "drizzle-orm/pg-core";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import pg from "pg";
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
  grade: integer("grade"),
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

/** The same tables declared for PostgreSQL (`pg-core`), under the same names. */
export const pgStudents = pgCore.pgTable("students", {
  id: pgCore.integer("id").primaryKey(),
  ...Object.fromEntries(NAME_COLUMNS.map((c) => [c, pgCore.text(c).notNull()])),
  age: pgCore.integer("age").notNull(),
});

export const pgEnrollments = pgCore.pgTable("enrollments", {
  id: pgCore.serial("id").primaryKey(),
  studentId: pgCore.integer("studentId").notNull(),
  course: pgCore.text("course").notNull(),
  grade: pgCore.integer("grade"),
});

export const pgStudentsRelations = relations(pgStudents, ({ many }) => ({
  enrollments: many(pgEnrollments),
}));
export const pgEnrollmentsRelations = relations(pgEnrollments, ({ one }) => ({
  student: one(pgStudents, { fields: [pgEnrollments.studentId], references: [pgStudents.id] }),
}));

const pgSchema = {
  students: pgStudents,
  enrollments: pgEnrollments,
  studentsRelations: pgStudentsRelations,
  enrollmentsRelations: pgEnrollmentsRelations,
};

/** The same on PostgreSQL through node-postgres, with a pool of one connection (see startPostgres). */
export async function openDrizzlePostgres(url: string): Promise<{
  db: {
    db: NodePgDatabase<typeof pgSchema>;
    students: typeof pgStudents;
    enrollments: typeof pgEnrollments;
  };
  close: () => Promise<void>;
}> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const db = drizzlePg({ client: pool, schema: pgSchema });
  return {
    db: { db, students: pgStudents, enrollments: pgEnrollments },
    close: () => pool.end(),
  };
}
