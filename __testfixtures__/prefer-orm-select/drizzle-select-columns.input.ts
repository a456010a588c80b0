// @lazymod bands=low,low factors=none messages=binding,inline
// Only the columns the callback reads: `select({ name: … })`, relational `columns: { age: true }`.
import { gt } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";

type Db = { db: BetterSQLite3Database<any>; students: any };

export async function olderNames({ db, students }: Db, minAge: number) {
  const rows = await db.select().from(students).where(gt(students.age, minAge)).orderBy(students.id);
  return rows.map((s) => s.name);
}

export async function olderAgesRelational({ db }: Db, minAge: number) {
  return (await db.query.students.findMany({ where: (s, { gt }) => gt(s.age, minAge) })).map((s) => s.age);
}
