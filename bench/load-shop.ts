// What `npm run bench:load` serves: the incident's endpoint of examples/legacy-shop, one module per
// ORM, and how a server of the shop calls it (the bench's own copy of the shop, as the example is
// or as lazymod rewrote it).
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { SeedOptions } from "../__tests__/helpers/orm/seed.js";

export const SHOP_ORMS = [
  { id: "prisma", label: "Prisma 7", module: "src/data/students-prisma.ts" },
  { id: "typeorm", label: "TypeORM 0.3", module: "src/data/students-typeorm.ts" },
  { id: "sequelize6", label: "Sequelize 6", module: "src/data/students-sequelize.ts" },
  { id: "sequelize7", label: "Sequelize 7", module: "src/data/students-sequelize7.ts" },
  { id: "knex", label: "Knex 3", module: "src/data/students-knex.ts" },
  { id: "drizzle", label: "Drizzle", module: "src/data/students-drizzle.ts" },
] as const;
export type ShopOrm = (typeof SHOP_ORMS)[number]["id"];

/** The incident's questions, each the name of the function (or the service's method) asking it. */
export const QUESTIONS = {
  any: { label: "any student older than 20?", name: "hasAdultStudents" },
  count: { label: "how many?", name: "adultStudentCount" },
  first: { label: "the first, by id", name: "firstAdultStudent" },
} as const;
export type Question = keyof typeof QUESTIONS;

/** The incident's table: `matching` students older than 20, and a fifth as many younger. */
export function incidentSeed(matching: number): SeedOptions {
  return {
    students: matching + Math.floor(matching / 5),
    // every sixth student is 20 or younger; the others are 21 to 70 (as bench:orm seeds them)
    ageOf: (id) => (id % 6 === 0 ? 15 + (id % 6) : 21 + (id % 50)),
  };
}

type Ask = () => Promise<unknown>;

async function load(shop: string, module: string): Promise<Record<string, unknown>> {
  return (await import(pathToFileURL(path.join(shop, module)).href)) as Record<string, unknown>;
}

/**
 * The endpoint's work: one call of the shop's function, or, for TypeORM, of the service the
 * shop's injection would build (its repository from the shop's data source).
 */
export async function openEndpoint(orm: ShopOrm, question: Question, shop: string): Promise<Ask> {
  const entry = SHOP_ORMS.find((o) => o.id === orm)!;
  const name = QUESTIONS[question].name;
  const queries = await load(shop, entry.module);
  if (orm === "typeorm") {
    const { dataSource } = (await load(shop, "src/data/data-source.ts")) as {
      dataSource: { initialize(): Promise<unknown>; getRepository(entity: unknown): unknown };
    };
    const { StudentRecord } = await load(shop, "src/data/student-entity.ts");
    await dataSource.initialize();
    const Service = queries.StudentReportService as new (
      repository: unknown,
    ) => Record<string, Ask>;
    const service = new Service(dataSource.getRepository(StudentRecord));
    return () => service[name]!();
  }
  const ask = queries[name] as Ask | undefined;
  if (typeof ask !== "function") throw new Error(`${entry.module} has no function ${name}`);
  return ask;
}
