// @lazymod bands=low,low factors=receiver-not-provably-array messages=first,destructure
export function firstAdmin(users) {
  return users.find((u) => u.admin);
}

export function firstMatch(rows, id) {
  const row = rows.find((r) => r.id === id);
  return row;
}
