// @lazymod bands=none factors=none messages=none
// TypeORM `find` without `where` (options without one, or none): `findOne` throws without `where`,
// so the query stays as it is.
import type { Repository } from "typeorm";

export async function firstOfAll(repo: Repository<{ id: number }>) {
  return (await repo.find({ order: { id: "ASC" } }))[0];
}

export async function firstOfEverything(repo: Repository<{ id: number }>) {
  return (await repo.find())[0];
}
