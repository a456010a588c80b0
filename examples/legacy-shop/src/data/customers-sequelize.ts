// Customer queries from the Express days (Sequelize 6, the model defined in ./models).
import { Op } from "sequelize";
import { Customer } from "./models/customer";

export async function hasVipCustomers() {
  return (await Customer.findAll({ where: { tier: "vip" } })).length > 0;
}

export async function activeCustomerCount() {
  const customers = await Customer.findAll({ where: { active: true } });
  return customers.length;
}

export async function newestSignup() {
  const [newest] = await Customer.findAll({ order: [["createdAt", "DESC"]] });
  return newest;
}

export async function emailsOfLapsed(since: Date) {
  const lapsed = await Customer.findAll({ where: { lastOrderAt: { [Op.lt]: since } } });
  return lapsed.map((customer) => customer.email);
}
