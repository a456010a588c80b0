import knex, { type Knex } from "knex";

export const reports: Knex = knex({ client: "pg", connection: process.env.DATABASE_URL });
