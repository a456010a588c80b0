// Customer queries from the Express days (Sequelize 6, models registered on `db`).
const { Op } = require("sequelize");
const db = require("../models");

async function hasVipCustomers() {
  return (await db.Customer.findAll({ where: { tier: "vip" } })).length > 0;
}

async function customersWithOrders() {
  const customers = await db.Customer.findAll({
    where: { active: true },
    include: [{ model: db.Order, as: "orders", required: true }],
  });
  return customers.length;
}

async function newestSignup() {
  const [newest] = await db.Customer.findAll({ order: [["createdAt", "DESC"]] });
  return newest;
}

async function emailsOfLapsed(since) {
  const lapsed = await db.Customer.findAll({ where: { lastOrderAt: { [Op.lt]: since } } });
  return lapsed.map((customer) => customer.email);
}

module.exports = { hasVipCustomers, customersWithOrders, newestSignup, emailsOfLapsed };
