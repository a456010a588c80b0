// The student report of the nightly jobs, straight against Knex.
import { reports as knex } from "./knex";

interface StudentRow {
  id: number;
  name: string;
  age: number;
}

export async function hasAdultStudents(): Promise<boolean> {
  const students = await knex<StudentRow>("students").where("age", ">", 20);
  return students.length > 0;
}

export async function adultStudentCount(): Promise<number> {
  return (await knex<StudentRow>("students").where("age", ">", 20)).length;
}

export async function firstAdultStudent(): Promise<StudentRow | undefined> {
  return (await knex<StudentRow>("students").where("age", ">", 20).orderBy("id"))[0];
}
