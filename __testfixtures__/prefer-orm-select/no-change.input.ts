// @lazymod bands=none factors=none messages=none
import type { PrismaClient } from "@prisma/client";
import type { Knex } from "knex";

// The callback passes the row on: every column may be needed.
export async function serialize(prisma: PrismaClient) {
  return (await prisma.user.findMany()).map((u) => JSON.stringify(u));
}

// A method call on the row could read anything.
export async function labels(prisma: PrismaClient) {
  return (await prisma.user.findMany()).map((u) => u.toString());
}

// Already projected, or joined (a property could come from either table).
export async function emails(prisma: PrismaClient) {
  return (await prisma.user.findMany({ select: { email: true } })).map((u) => u.email);
}

export async function joined(knex: Knex) {
  return (await knex("users").join("teams", "teams.id", "users.teamId")).map((r) => r.name);
}

// The rows are also returned.
export async function both(prisma: PrismaClient) {
  const users = await prisma.user.findMany();
  console.log(users.map((u) => u.email));
  return users;
}
