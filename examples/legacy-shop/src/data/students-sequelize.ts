// The student report from the Express days (Sequelize 6, the model defined in ./models).
import { Op } from "sequelize";
import { Student } from "./models/student";

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
