// Order helpers from 2016, typed since; most callers only ask small questions of big arrays.
import type { OrderHistory } from "../domain/history";
import type { Customer, Order } from "../domain/types";
import { fetchOrders } from "./api";

export function hasOpenOrders(customer: Customer) {
  return customer.orders.filter((order) => order.status === "open").length > 0;
}

export function firstUnpaid(orders: Order[]) {
  return orders.filter((order) => !order.paid)[0];
}

export function latestRefund(orders: Order[]) {
  const refunds = orders.filter((order) => order.type === "refund");
  return refunds.length ? refunds[refunds.length - 1] : null;
}

export async function isKnownOrder(id: number) {
  const orders = await fetchOrders();
  return orders.map((order) => order.id).includes(id);
}

export function allShipped(customer: Customer) {
  return (
    customer.orders.filter((order) => order.shippedAt != null).length === customer.orders.length
  );
}

export function anyOpenInHistory(history: OrderHistory) {
  // The history's own `filter`, not Array's: it has no `some` to call.
  return history.filter((order) => order.status === "open").length > 0;
}

export function openCount(orders: Order[]) {
  // A count used as a number: the array is needed, nothing to rewrite.
  return orders.filter((order) => order.status === "open").length;
}

export function auditOpen(customer: Customer, log: (id: number) => void) {
  // The callback logs every order it sees: stopping early would skip log lines (held back).
  return (
    customer.orders.filter((order) => {
      log(order.id);
      return order.status === "open";
    }).length > 0
  );
}
