// @lazymod bands=low,low,low factors=none messages=inline,binding,destructure
// Drizzle: the first row of a query limited to one (`.limit(1)`, `limit: 1`).
import { asc, desc, gt } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";

type Db = { db: BetterSQLite3Database<any>; students: any };

export async function oldest({ db, students }: Db, minAge: number) {
  return (await db.select().from(students).where(gt(students.age, minAge)).orderBy(desc(students.age), asc(students.id)).limit(1))[0];
}

export async function firstOrThrow({ db, students }: Db, minAge: number) {
  const rows = await db.select({ id: students.id }).from(students).where(gt(students.age, minAge)).orderBy(students.id).limit(1);
  if (rows.length === 0) return "none";
  return rows[0].id;
}

export async function firstRelational({ db }: Db, minAge: number) {
  const [first] = await db.query.students.findMany({ where: (s, { gt }) => gt(s.age, minAge), orderBy: (s, { asc }) => [asc(s.id)], with: { enrollments: true }, limit: 1 });
  return first;
}
