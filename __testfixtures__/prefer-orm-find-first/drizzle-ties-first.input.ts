// @lazymod bands=medium,medium factors=first-row-ties messages=inline,destructure postgres-differs=oldest,youngestOlder
// Ordered by age alone, ten students tie at each age. SQLite reads the full query and the one-row
// one alike (through the age index); PostgreSQL sorts the full query but reads `.limit(1)` through
// the index, and another of the tied students comes first: held back (`first-row-ties`).
import { asc, desc, gt } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";

type Db = { db: BetterSQLite3Database<any>; students: any };

export async function oldest({ db, students }: Db, minAge: number) {
  return (await db.select().from(students).where(gt(students.age, minAge)).orderBy(desc(students.age)))[0]?.id ?? null;
}

export async function youngestOlder({ db }: Db, minAge: number) {
  const [first] = await db.query.students.findMany({ where: (s, { gt }) => gt(s.age, minAge), orderBy: (s, { asc }) => [asc(s.age)] });
  return first?.id ?? null;
}
