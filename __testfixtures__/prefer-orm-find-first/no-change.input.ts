// @lazymod bands=none factors=none messages=none
import type { PrismaClient } from "@prisma/client";
import type { Repository } from "typeorm";

// TypeORM `findOne` throws without `where`: the query stays as it is.
export async function firstOfAll(repo: Repository<{ id: number }>) {
  return (await repo.find({ order: { id: "ASC" } }))[0];
}

export async function firstOfEverything(repo: Repository<{ id: number }>) {
  return (await repo.find())[0];
}

// Another index, and the last row.
export async function second(prisma: PrismaClient) {
  return (await prisma.user.findMany())[1];
}

export async function last(prisma: PrismaClient) {
  const users = await prisma.user.findMany();
  return users[users.length - 1];
}

// A default in the pattern, and more than one element.
export async function withDefault(prisma: PrismaClient) {
  const [first = null] = await prisma.user.findMany();
  return first;
}

export async function firstTwo(prisma: PrismaClient) {
  const [a, b] = await prisma.user.findMany();
  return [a, b];
}
