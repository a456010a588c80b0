import knexFactory from "knex";

/** What the Knex fixtures receive: a Knex instance on the better-sqlite3 client. */
export async function openKnex(file: string) {
  const knex = knexFactory({
    client: "better-sqlite3",
    connection: { filename: file },
    useNullAsDefault: true,
  });
  return { db: { knex }, close: () => knex.destroy() };
}
