// @lazymod bands=medium,medium factors=first-row-ties messages=inline,destructure postgres-differs=oldest,youngestOlder
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
