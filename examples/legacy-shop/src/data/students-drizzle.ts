// The student report on Drizzle, next to the stock checks.
import { gt } from "drizzle-orm";
import { db } from "./drizzle";
import { students } from "./schema";

export async function hasAdultStudents(): Promise<boolean> {
  const older = await db.select().from(students).where(gt(students.age, 20));
  return older.length > 0;
}

export async function adultStudentCount(): Promise<number> {
  return (await db.select().from(students).where(gt(students.age, 20))).length;
}

export async function firstAdultStudent(): Promise<typeof students.$inferSelect | undefined> {
  const [first] = await db.select().from(students).where(gt(students.age, 20)).orderBy(students.id);
  return first;
}
