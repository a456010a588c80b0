// @lazymod bands=medium,medium,medium factors=first-row-ties messages=inline,destructure,binding postgres-differs=oldest,youngestOlder,oldestRaw
// Ordered by age alone, ten students tie at each age. SQLite reads the full query and the one-row
// one alike (through the age index); PostgreSQL sorts the full query but reads `.first()` through
// the index, and another of the tied students comes first: held back (`first-row-ties`).
import type { Knex } from "knex";

type Db = { knex: Knex };

export async function oldest({ knex }: Db, minAge: number) {
  return (await knex("students").where("age", ">", minAge).orderBy("age", "desc"))[0]?.id ?? null;
}

export async function youngestOlder({ knex }: Db, minAge: number) {
  const [first] = await knex("students").select("id").where("age", ">", minAge).orderBy("age");
  return first?.id ?? null;
}

// A raw order cannot be read, so it may tie as well.
export async function oldestRaw({ knex }: Db, minAge: number) {
  const rows = await knex("students").where("age", ">", minAge).orderByRaw("age desc");
  return rows[0]?.id ?? null;
}
