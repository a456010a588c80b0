// @lazymod bands=medium,medium,medium,medium factors=orm-api-version,orm-hooks-differ,orm-inferred-from-shape messages=binding,inline,inline,inline
// No ORM import: the client arrives through the project's own modules.
import { db } from "@/lib/db";
import { models } from "../models";

export async function hasUsers(email: string) {
  return (await db.user.findFirst({ where: { email } })) !== null;
}

export class AccountService {
  constructor(private readonly accountRepository: { find(options: object): Promise<unknown[]> }) {}

  async hasAccounts(ownerId: number) {
    return await this.accountRepository.exists({ where: { ownerId } });
  }
}

export async function hasOrders(customerId: number) {
  if (await models.Order.findOne({ where: { customerId } })) return "yes";
  return "no";
}

export async function hasJobs(knex: any) {
  return (await knex("jobs").where("state", "ready").first()) !== undefined;
}
