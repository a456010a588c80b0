// The student report of the nightly jobs, straight against Knex.
import { reports } from "./knex";

interface StudentRow {
  id: number;
  name: string;
  age: number;
}

export async function hasAdultStudents(): Promise<boolean> {
  const students = await reports<StudentRow>("students").where("age", ">", 20);
  return students.length > 0;
}

export async function adultStudentCount(): Promise<number> {
  return (await reports<StudentRow>("students").where("age", ">", 20)).length;
}

export async function firstAdultStudent(): Promise<StudentRow | undefined> {
  return (await reports<StudentRow>("students").where("age", ">", 20).orderBy("id"))[0];
}
