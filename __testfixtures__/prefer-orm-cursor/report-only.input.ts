// @lazymod bands=medium,medium,medium,medium,medium factors=iteration-loads-all-rows statuses=report,report,report,report,report messages=inline,binding,inline,inline,binding
import type { PrismaClient } from "@prisma/client";
import type { Repository } from "typeorm";
import { Op, type ModelStatic } from "sequelize";
import { gt } from "drizzle-orm";
import type { Knex } from "knex";

export async function prismaTotal(prisma: PrismaClient) {
  let total = 0;
  for (const s of await prisma.student.findMany({ where: { age: { gt: 20 } } })) total += s.age;
  return total;
}

export async function typeormTotal(studentRepository: Repository<{ age: number }>) {
  const students = await studentRepository.find();
  let total = 0;
  for (const s of students) total += s.age;
  return total;
}

export async function sequelizeTotal(Student: ModelStatic<any>) {
  let total = 0;
  for (const s of await Student.findAll({ where: { age: { [Op.gt]: 20 } } })) total += s.age;
  return total;
}

export async function drizzleTotal({ db, students }: any) {
  let total = 0;
  for (const s of await db.select().from(students).where(gt(students.age, 20))) total += s.age;
  return total;
}

// Not right after the load: the query cannot move into the loop.
export async function knexLater(knex: Knex, log: (m: string) => void) {
  const rows = await knex("students");
  log("loaded");
  for (const row of rows) log(row.name);
}
