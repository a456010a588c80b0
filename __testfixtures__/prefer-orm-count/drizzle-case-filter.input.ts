// @lazymod bands=low,low factors=orm-api-version messages=inline,binding databases-differ=true postgres-only=countAnyCase
// `like` ignores ASCII case on SQLite and keeps it on PostgreSQL (every third name is
// capitalised): the counts differ between the two, and `$count` filters as the rows did on each.
// `ilike` is PostgreSQL's: on SQLite it fails, before and after.
import { and, gt, ilike, like } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";

type Db = { db: BetterSQLite3Database<any>; students: any };

export async function countCapitalised({ db, students }: Db, minAge: number) {
  return (await db.select().from(students).where(and(gt(students.age, minAge), like(students.name, "Name-%")))).length;
}

export async function countAnyCase({ db, students }: Db, minAge: number) {
  const rows = await db.select({ id: students.id }).from(students).where(and(gt(students.age, minAge), ilike(students.name, "NAME-%")));
  return rows.length;
}
