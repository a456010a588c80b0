// The incident, once per ORM: 20,000 students older than 20, loaded whole to ask whether there is
// any, how many there are, and which comes first. `npm run bench:orm` runs these functions as
// they are (eager) and as lazymod rewrites them (lazy). Input data for lazymod, like a fixture.
import type { PrismaClient } from "@prisma/client";
import { MoreThan, type Repository } from "typeorm";
import { Op, type ModelStatic } from "sequelize";
import type { Knex } from "knex";
import { gt, type Table } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";

type PrismaDb = { prisma: PrismaClient };
type TypeOrmDb = { studentRepository: Repository<{ id: number; age: number }> };
type SequelizeDb = { Student: ModelStatic<any> };
type KnexDb = { knex: Knex };
type DrizzleDb = { db: BetterSQLite3Database<any>; students: Table & Record<string, any> };

export async function prismaExists({ prisma }: PrismaDb, minAge: number) {
  const students = await prisma.student.findMany({ where: { age: { gt: minAge } } });
  if (students.length > 0) return true;
  return false;
}

export async function prismaCount({ prisma }: PrismaDb, minAge: number) {
  return (await prisma.student.findMany({ where: { age: { gt: minAge } } })).length;
}

export async function prismaFirst({ prisma }: PrismaDb, minAge: number) {
  return (await prisma.student.findMany({ where: { age: { gt: minAge } }, orderBy: { id: "asc" } }))[0]?.id ?? null;
}

export async function typeormExists({ studentRepository }: TypeOrmDb, minAge: number) {
  const students = await studentRepository.find({ where: { age: MoreThan(minAge) } });
  if (students.length > 0) return true;
  return false;
}

export async function typeormCount({ studentRepository }: TypeOrmDb, minAge: number) {
  return (await studentRepository.find({ where: { age: MoreThan(minAge) } })).length;
}

export async function typeormFirst({ studentRepository }: TypeOrmDb, minAge: number) {
  return (await studentRepository.find({ where: { age: MoreThan(minAge) }, order: { id: "ASC" } }))[0]?.id ?? null;
}

export async function sequelizeExists({ Student }: SequelizeDb, minAge: number) {
  const students = await Student.findAll({ where: { age: { [Op.gt]: minAge } } });
  if (students.length > 0) return true;
  return false;
}

export async function sequelizeCount({ Student }: SequelizeDb, minAge: number) {
  return (await Student.findAll({ where: { age: { [Op.gt]: minAge } } })).length;
}

export async function sequelizeFirst({ Student }: SequelizeDb, minAge: number) {
  return (await Student.findAll({ where: { age: { [Op.gt]: minAge } }, order: [["id", "ASC"]] }))[0]?.id ?? null;
}

export async function knexExists({ knex }: KnexDb, minAge: number) {
  const students = await knex("students").where("age", ">", minAge);
  if (students.length > 0) return true;
  return false;
}

export async function knexCount({ knex }: KnexDb, minAge: number) {
  return (await knex("students").where("age", ">", minAge)).length;
}

export async function knexFirst({ knex }: KnexDb, minAge: number) {
  return (await knex("students").where("age", ">", minAge).orderBy("id"))[0]?.id ?? null;
}

export async function drizzleExists({ db, students }: DrizzleDb, minAge: number) {
  const older = await db.select().from(students).where(gt(students.age, minAge));
  if (older.length > 0) return true;
  return false;
}

export async function drizzleCount({ db, students }: DrizzleDb, minAge: number) {
  return (await db.select().from(students).where(gt(students.age, minAge))).length;
}

export async function drizzleFirst({ db, students }: DrizzleDb, minAge: number) {
  return (await db.select().from(students).where(gt(students.age, minAge)).orderBy(students.id))[0]?.id ?? null;
}
