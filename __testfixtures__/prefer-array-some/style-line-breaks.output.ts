// @lazymod bands=low,low,low,low messages=compared,compared,binding,compared factors=none
// A line break the old expression needed and the new one does not is dropped (it now fits in
// 80 columns); a chain laid out over several lines is not moved into another statement.
type Order = { status: string; total: number };

export function hasOpenOrders(orders: Order[]) {
  const hasOpen = orders.some((o) => o.status === "open" && o.total > 0);
  return hasOpen;
}

export function hasClosedOrders(orders: Order[]) {
  return orders.some((order) => order.status === "closed" && order.total > 0);
}

export function hasLargeOrders(orders: Order[]) {
  const hasLarge = orders.some((order) => order.total > 1000);
  if (hasLarge) return "large";
  return "small";
}

export function stillTooLong(orders: Order[]) {
  const hasRefundedOrdersOfSomeSignificance =
    orders.some((order) => order.status === "refunded" && order.total > 100);
  return hasRefundedOrdersOfSomeSignificance;
}
