// @lazymod bands=low,low factors=receiver-not-provably-array messages=first,destructure
export function firstAdmin(users) {
  return users.filter((u) => u.admin)[0];
}

export function firstMatch(rows, id) {
  const [row] = rows.filter((r) => r.id === id);
  return row;
}
