// @lazymod bands=low,low,low factors=orm-api-version messages=inline,binding,binding
// Drizzle: the rows' `.length` → `db.$count(table, where)`; the columns and the order are dropped.
import { gt, lte } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";

type Db = { db: BetterSQLite3Database<any>; students: any };

export async function countOlderStudents({ db, students }: Db, minAge: number) {
  return (await db.select().from(students).where(gt(students.age, minAge))).length;
}

export async function countAll({ db, students }: Db, minAge: number) {
  const all = await db.select({ id: students.id }).from(students).orderBy(students.id);
  return all.length > minAge ? "many" : "few";
}

export async function youngerShare({ db, students }: Db, minAge: number) {
  const younger = await db.select().from(students).where(lte(students.age, minAge));
  return younger.length === 0 ? 0 : younger.length / 200;
}
