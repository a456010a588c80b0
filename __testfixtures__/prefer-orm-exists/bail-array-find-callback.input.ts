// @lazymod bands=none factors=none messages=none
// `.find(callback)` is `Array.prototype.find` on a plain array, not an ORM query.
import type { PrismaClient, Prisma } from "@prisma/client";
import type { Repository } from "typeorm";
import type { Knex } from "knex";
import type { Model } from "mongoose";
import { Transaction, type ModelStatic } from "sequelize";
import { eq } from "drizzle-orm";

export function arrayFind(items: { id: number }[]) {
  return items.find((item) => item.id > 1) !== undefined;
}
