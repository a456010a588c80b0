// @lazymod bands=none factors=none messages=none
// A receiver nothing identifies as an ORM (no import, configuration or distinctive method).
import type { PrismaClient, Prisma } from "@prisma/client";
import type { Repository } from "typeorm";
import type { Knex } from "knex";
import type { Model } from "mongoose";
import { Transaction, type ModelStatic } from "sequelize";
import { eq } from "drizzle-orm";

export async function notAnOrm(service: { load(): Promise<unknown[]> }) {
  return (await service.load()).length > 0;
}
