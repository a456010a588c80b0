// @lazymod bands=low,low factors=first-row-order messages=inline,inline
// Drizzle with no order: which row comes first was already the database's choice, and the one-row
// query may make another (first-row-order). Not run on the databases: the row may differ.
import { gt } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";

type Db = { db: BetterSQLite3Database<any>; students: any };

export async function anyAdult({ db, students }: Db, minAge: number) {
  return (await db.select().from(students).where(gt(students.age, minAge)).limit(1))[0];
}

export async function anyAdultRelational({ db }: Db, minAge: number) {
  return (await db.query.students.findMany({ where: (s, { gt }) => gt(s.age, minAge), limit: 1 }))[0];
}
