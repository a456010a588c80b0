// Nightly reports written straight against Knex.
import knex from "knex";

const db = knex({ client: "pg", connection: process.env.DATABASE_URL });

export async function anyFailedPayments(day) {
  const failed = await db("payments").where({ status: "failed" }).andWhere("day", day);
  return failed.length > 0 ? "alert" : "ok";
}

export async function paymentCount(day) {
  const payments = await db("payments").select("id", "amount").where("day", day).orderBy("id");
  return payments.length;
}

export async function firstRefund(day) {
  return (await db("payments").where({ status: "refunded", day }).orderBy("created_at"))[0];
}

export async function writeCsv(day, out) {
  for (const row of await db("payments").where("day", day)) {
    out.write(`${row.id},${row.amount}\n`);
  }
}
