// @lazymod bands=high,high,high,high,high factors=array-always-truthy statuses=report,report,report,report,report messages=binding,inline,binding,binding,inline
import type { PrismaClient } from "@prisma/client";
import type { Repository } from "typeorm";
import type { Knex } from "knex";

class NotFound extends Error {}

export async function requireStudents(prisma: PrismaClient, minAge: number) {
  const students = await prisma.student.findMany({ where: { age: { gt: minAge } } });
  if (!students) throw new NotFound("no students");
  return students;
}

export async function anyAdmins(prisma: PrismaClient) {
  if (await prisma.user.findMany({ where: { role: "ADMIN" } })) return "has admins";
  return "no admins";
}

export async function label(repo: Repository<{ name: string }>) {
  const rows = await repo.find({ where: { name: "x" } });
  return rows ? `found ${rows.length}` : "none";
}

export async function waitForRows(knex: Knex) {
  const rows = await knex("jobs").where("state", "ready");
  while (!rows) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return rows.length;
}

export async function hasOne(prisma: PrismaClient) {
  return Boolean(await prisma.user.findMany({ take: 1 }));
}
