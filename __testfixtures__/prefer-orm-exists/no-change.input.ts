// @lazymod bands=none factors=none messages=none
import type { PrismaClient, Prisma } from "@prisma/client";
import type { Repository } from "typeorm";
import type { Knex } from "knex";
import type { Model } from "mongoose";
import { Transaction, type ModelStatic } from "sequelize";
import { eq } from "drizzle-orm";

// The rows are returned too: one load is cheaper than a test and a load.
export async function adultsOrNothing(prisma: PrismaClient) {
  const adults = await prisma.user.findMany({ where: { age: { gte: 18 } } });
  if (adults.length === 0) return null;
  return adults;
}

// Already limited to one row.
export async function anyAdmin(prisma: PrismaClient) {
  return (await prisma.user.findMany({ where: { role: "ADMIN" }, take: 1 })).length > 0;
}

// Prisma arguments that are not a literal could hold `include` or `select`, which `count` rejects.
export async function anyMatching(prisma: PrismaClient, args: Prisma.UserFindManyArgs) {
  return (await prisma.user.findMany(args)).length > 0;
}

// `distinct` has no `count` counterpart.
export async function anyCity(prisma: PrismaClient) {
  return (await prisma.user.findMany({ distinct: ["city"] })).length > 0;
}

// A lock may be the point of the query.
export async function lockedAny(repo: Repository<{ id: number }>) {
  return (await repo.find({ where: { id: 1 }, lock: { mode: "pessimistic_write" } })).length > 0;
}

export async function knexLocked(knex: Knex) {
  return (await knex("jobs").where("state", "ready").forUpdate()).length > 0;
}

// `.modify()` runs code lazymod cannot see.
export async function knexModified(knex: Knex, scope: (qb: Knex.QueryBuilder) => void) {
  return (await knex("jobs").modify(scope)).length > 0;
}

// `Array.prototype.find` with a callback, and a plain array.
export function arrayFind(items: { id: number }[]) {
  return items.find((item) => item.id > 1) !== undefined;
}

export async function notAnOrm(service: { load(): Promise<unknown[]> }) {
  return (await service.load()).length > 0;
}

// Mongoose `.limit()`/`.skip()` and a third `options` argument; Drizzle's own `.limit()`.
export async function firstPageHasAdmins(User: Model<{ role: string }>) {
  return (await User.find({ role: "admin" }).skip(20).limit(20)).length > 0;
}

export async function anyWithOptions(User: Model<{ role: string }>) {
  return (await User.find({ role: "admin" }, null, { limit: 5 })).length > 0;
}

export async function drizzleLimited(db: any, users: any) {
  return (await db.select().from(users).where(eq(users.role, "admin")).limit(5)).length > 0;
}

// A Sequelize lock.
export async function lockedRows(Job: ModelStatic<any>, transaction: Transaction) {
  return (await Job.findAll({ where: { state: "ready" }, lock: transaction.LOCK.UPDATE, transaction })).length > 0;
}
