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

/** The same on PostgreSQL: Knex's `pg` client, with a pool of one connection (see startPostgres). */
export async function openKnexPostgres(url: string) {
  const knex = knexFactory({ client: "pg", connection: url, pool: { min: 0, max: 1 } });
  return { db: { knex }, close: () => knex.destroy() };
}
