// @lazymod bands=low,low,low factors=receiver-not-provably-array messages=compared,compared,compared
export function hasAdmins(users) {
  return users.filter((u) => u.admin).length > 0;
}

export function hasOpenOrders(customer) {
  return customer.orders.filter((o) => o.open).length !== 0;
}

export const anyLongWord = (text) => text.split(" ").filter((w) => w.length > 8).length > 0;
