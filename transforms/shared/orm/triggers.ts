import type { Trigger } from "../../../src/core/define.js";

/**
 * Texts a file must contain for an ORM transform to possibly match. Each mirrors what the
 * recognisers need: an eager method that no array has, or `.find(` together with what makes it an
 * ORM call (a repository, manager or model, an ORM import), or a Knex/Drizzle chain head.
 * Deliberately not `.find(`, `join(` or `from(` alone: nearly every file has those.
 */
export const ORM_TRIGGERS: readonly Trigger[] = [
  "findMany(", // Prisma, Drizzle's relational API
  "findAll(", // Sequelize
  "findBy(", // TypeORM
  [".find(", /[Rr]epo|[Mm]anager|\bem\./], // TypeORM repositories and entity managers
  [".find(", /mongoose|goose|Model\b|\.(?:lean|exec|populate)\(/], // Mongoose models
  "knex", // a Knex import or `knex("table")`
  /\b(?:db|trx|tx|database|connection|conn|k)(?:\s*\(\s*["'`]|\.(?:from|table|select)\()/, // Knex by shape
  [".select(", ".from("], // Drizzle (and Knex) select chains
  // A table call on an instance of any name, `reports<Row>("payments").where(…)`: its type may
  // prove it Knex.
  /[\w$]\s*(?:<[^<>()]*>)?\(\s*["'`][^"'`\n]*["'`]\s*\)\s*\.\s*(?:(?:and|or)?[wW]here|(?:inner|left|right|full|cross)?[jJ]oin|select|columns?|orderBy|limit|offset|distinct|groupBy|from|table|withSchema|transacting)\b/,
];
