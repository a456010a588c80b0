// Order helpers from 2016; most callers only ask small questions of big arrays.
import { fetchOrders } from "./api";

export function hasOpenOrders(customer) {
  return customer.orders.filter((order) => order.status === "open").length > 0;
}

export function firstUnpaid(orders) {
  return orders.filter((order) => !order.paid)[0];
}

export function latestRefund(orders) {
  const refunds = orders.filter((order) => order.type === "refund");
  return refunds.length ? refunds[refunds.length - 1] : null;
}

export async function isKnownOrder(id) {
  const orders = await fetchOrders();
  return orders.map((order) => order.id).includes(id);
}

export function allShipped(orders) {
  return orders.filter((order) => order.shippedAt != null).length === orders.length;
}

export function openCount(orders) {
  // A count used as a number: the array is needed, nothing to rewrite.
  return orders.filter((order) => order.status === "open").length;
}

export function auditOpen(orders, log) {
  // The callback logs every order it sees: stopping early would skip log lines (held back).
  return orders.filter((order) => {
    log(order.id);
    return order.status === "open";
  }).length > 0;
}
