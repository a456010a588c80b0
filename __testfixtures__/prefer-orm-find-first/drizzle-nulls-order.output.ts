// @lazymod bands=low,low factors=none messages=inline,destructure databases-differ=true
// NULL grades sort first ascending on SQLite and last on PostgreSQL: the answers differ between
// the two, but `.limit(1)` keeps the query's order on each, so the rewrite is the same query.
import { asc, desc, gt } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";

type Db = { db: BetterSQLite3Database<any>; enrollments: any };

export async function lowestGrade({ db, enrollments }: Db, minAge: number) {
  return (await db.select().from(enrollments).where(gt(enrollments.studentId, minAge)).orderBy(asc(enrollments.grade), asc(enrollments.id)).limit(1))[0] ?? null;
}

export async function highestGrade({ db }: Db, minAge: number) {
  const [top] = await db.query.enrollments.findMany({ where: (e, { gt }) => gt(e.studentId, minAge), orderBy: (e, { asc, desc }) => [desc(e.grade), asc(e.id)], limit: 1 });
  return top ? `${top.id}: ${top.grade}` : "none";
}
