// The student report of the enrollment service, on Sequelize 7.
import { Op } from "@sequelize/core";
import { Student } from "./sequelize7/student";

export async function hasAdultStudents(): Promise<boolean> {
  const students = await Student.findAll({ where: { age: { [Op.gt]: 20 } } });
  if (students.length > 0) {
    return true;
  }
  return false;
}

export async function adultStudentCount(): Promise<number> {
  return (await Student.findAll({ where: { age: { [Op.gt]: 20 } } })).length;
}

export async function firstAdultStudent(): Promise<Student | undefined> {
  const students = await Student.findAll({
    where: { age: { [Op.gt]: 20 } },
    order: [["id", "ASC"]],
  });
  return students[0];
}
