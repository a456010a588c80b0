// @lazymod bands=none factors=none messages=none
// A locking read (TypeORM `lock`, Knex `.forUpdate()`, Sequelize `lock`): the lock may be the point
// of the query, and an existence test would not take it.
import type { Repository } from "typeorm";
import type { Knex } from "knex";
import { Transaction, type ModelStatic } from "sequelize";

export async function lockedAny(repo: Repository<{ id: number }>) {
  return (await repo.find({ where: { id: 1 }, lock: { mode: "pessimistic_write" } })).length > 0;
}

export async function knexLocked(knex: Knex) {
  return (await knex("jobs").where("state", "ready").forUpdate()).length > 0;
}

export async function lockedRows(Job: ModelStatic<any>, transaction: Transaction) {
  return (await Job.findAll({ where: { state: "ready" }, lock: transaction.LOCK.UPDATE, transaction })).length > 0;
}
