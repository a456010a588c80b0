// @lazymod bands=none factors=none messages=none
import type { PrismaClient } from "@prisma/client";
import { Op, type ModelStatic } from "sequelize";
import type { Knex } from "knex";
import { count, type SQL } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";

// The rows are used beyond their number.
export async function report(prisma: PrismaClient) {
  const users = await prisma.user.findMany();
  return { total: users.length, first: users[0] };
}

// `group` makes Sequelize's count one number per group.
export async function groups(Student: ModelStatic<any>) {
  return (await Student.findAll({ where: { age: { [Op.gt]: 20 } }, group: ["age"] })).length;
}

// Knex `distinct`, `groupBy` and limits change what a plain count would count.
export async function distinctCities(knex: Knex) {
  return (await knex("users").distinct("city")).length;
}

export async function firstPage(knex: Knex) {
  return (await knex("users").orderBy("id").limit(20)).length;
}

// Prisma `distinct` and non-literal arguments.
export async function distinctRoles(prisma: PrismaClient) {
  return (await prisma.user.findMany({ distinct: ["role"] })).length;
}

// `.length` assigned: not a read.
export async function truncate(prisma: PrismaClient) {
  const users = await prisma.user.findMany();
  users.length = 0;
  return users;
}

// An aggregate in the select list returns one row, whatever the table holds.
export async function aggregateRows(knex: Knex) {
  return (await knex("users").select(knex.raw("count(*) as n"))).length;
}

export async function drizzleAggregate(db: BetterSQLite3Database, users: any, where: SQL) {
  return (await db.select({ n: count() }).from(users).where(where)).length;
}
