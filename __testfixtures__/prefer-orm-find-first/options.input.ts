// @lazymod bands=high,medium factors=first-row-order,lazy-call-may-throw,non-null-assertion,null-instead-of-undefined,options-not-literal messages=inline,destructure
import type { FindManyOptions, Repository } from "typeorm";

type User = { id: number };

// The options could lack `where`, which makes `findOne` throw.
export async function firstMatching(repo: Repository<User>, options: FindManyOptions<User>) {
  return (await repo.find(options))[0];
}

export async function firstByEmail(repo: Repository<User>, email: string) {
  const [user] = await repo.findBy({ email });
  return user;
}
