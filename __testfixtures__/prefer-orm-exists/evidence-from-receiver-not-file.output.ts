// @lazymod bands=medium,low factors=orm-inferred-from-shape,orm-hooks-differ messages=inline,inline
// An import of the ORM says nothing of a receiver it did not give: `Invoice` is only a type, and
// `prisma` comes from the project's own module, so that query is recognised by its shape alone
// (`orm-inferred-from-shape`; a project-aware run proves it from types). The client this file
// creates itself is Prisma's.
import { PrismaClient, type Invoice } from "@prisma/client";
import { prisma } from "../lib/db";

const local = new PrismaClient();

export async function hasOpen(): Promise<boolean> {
  return (await prisma.invoice.findFirst({ where: { status: "open" } })) !== null;
}

export async function hasPaid(): Promise<boolean> {
  return (await local.invoice.findFirst({ where: { status: "paid" } })) !== null;
}

export type { Invoice };
