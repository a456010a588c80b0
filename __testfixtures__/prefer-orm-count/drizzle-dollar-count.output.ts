// @lazymod bands=low,low,low factors=orm-api-version messages=inline,binding,binding
// Drizzle: the rows' `.length` → `db.$count(table, where)`; the columns and the order are dropped.
import { gt, lte } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";

type Db = { db: BetterSQLite3Database<any>; students: any };

export async function countOlderStudents({ db, students }: Db, minAge: number) {
  return await db.$count(students, gt(students.age, minAge));
}

export async function countAll({ db, students }: Db, minAge: number) {
  return (await db.$count(students)) > minAge ? "many" : "few";
}

export async function youngerShare({ db, students }: Db, minAge: number) {
  const youngerCount = await db.$count(students, lte(students.age, minAge));
  return youngerCount === 0 ? 0 : youngerCount / 200;
}
