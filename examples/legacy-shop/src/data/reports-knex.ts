// Nightly reports written straight against Knex.
import { reports } from "./knex";

interface Payment {
  id: number;
  amount: number;
  status: string;
  day: string;
}

export async function anyFailedPayments(day: string) {
  const failed = await reports<Payment>("payments").where({ status: "failed" }).andWhere("day", day);
  return failed.length > 0 ? "alert" : "ok";
}

export async function paymentCount(day: string) {
  const payments = await reports<Payment>("payments")
    .select("id", "amount")
    .where("day", day)
    .orderBy("id");
  return payments.length;
}

export async function firstRefund(day: string) {
  return (
    await reports<Payment>("payments").where({ status: "refunded", day }).orderBy("created_at")
  )[0];
}

export async function writeCsv(day: string, out: NodeJS.WritableStream) {
  for (const row of await reports<Payment>("payments").where("day", day)) {
    out.write(`${row.id},${row.amount}\n`);
  }
}
