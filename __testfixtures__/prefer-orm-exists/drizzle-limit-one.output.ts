// @lazymod bands=low,low,low,low factors=none messages=binding,inline,inline,inline sqlite-only=hasOlderStudentsNow
// Drizzle has no existence query: the rows are limited to one (`.limit(1)`, `limit: 1`).
// `.all()` is the synchronous form of the SQLite drivers only: on PostgreSQL it throws, before and after.
import { gt, type SQL } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";

type Db = { db: BetterSQLite3Database<any>; students: any };

export async function hasOlderStudents({ db, students }: Db, minAge: number) {
  const older = await db.select().from(students).where(gt(students.age, minAge)).limit(1);
  if (older.length > 0) return "some";
  return "none";
}

export async function noOlderStudents({ db, students }: Db, minAge: number) {
  const condition: SQL = gt(students.age, minAge);
  return (await db.select({ id: students.id }).from(students).where(condition).orderBy(students.age).limit(1)).length === 0;
}

export function hasOlderStudentsNow({ db, students }: Db, minAge: number) {
  return db.select().from(students).where(gt(students.age, minAge)).limit(1).all().length > 0;
}

export async function hasOlderStudentsRelational({ db }: Db, minAge: number) {
  return !(await db.query.students.findMany({ where: (s, { gt }) => gt(s.age, minAge), limit: 1 })).length;
}
