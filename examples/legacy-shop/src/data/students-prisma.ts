// The reporting endpoint behind the incident, as it was ported to Prisma.
import type { Student } from "../../generated/prisma/client";
import { prisma } from "./prisma";

export async function hasAdultStudents(): Promise<boolean> {
  const students = await prisma.student.findMany({ where: { age: { gt: 20 } } });
  if (students.length > 0) {
    return true;
  }
  return false;
}

export async function adultStudentCount(): Promise<number> {
  return (await prisma.student.findMany({ where: { age: { gt: 20 } } })).length;
}

export async function firstAdultStudent(): Promise<Student | undefined> {
  const students = await prisma.student.findMany({
    where: { age: { gt: 20 } },
    orderBy: { id: "asc" },
  });
  return students[0];
}

export async function enrolledCount(courseId: number): Promise<number> {
  const enrolled = await prisma.student.findMany({
    where: { enrollments: { some: { courseId } } },
    include: { enrollments: true },
  });
  return enrolled.length;
}

export async function youngestName(): Promise<string | undefined> {
  return (await prisma.student.findMany({ orderBy: { age: "asc" } }))[0]?.name;
}

export async function requireStudents(minAge: number) {
  const students = await prisma.student.findMany({ where: { age: { gt: minAge } } });
  if (!students) throw new Error("no students");
  return students;
}

export async function exportAll(write: (line: string) => void): Promise<void> {
  for (const student of await prisma.student.findMany()) {
    write(`${student.id},${student.name}`);
  }
}
