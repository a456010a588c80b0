// @lazymod bands=low,low,low factors=receiver-not-provably-array messages=compared,compared,compared
export function hasAdmins(users) {
  return users.some((u) => u.admin);
}

export function hasOpenOrders(customer) {
  return customer.orders.some((o) => o.open);
}

export const anyLongWord = (text) => text.split(" ").some((w) => w.length > 8);
