// @lazymod bands=none factors=none messages=none
// The filtered array is also iterated: it is needed whole.
type User = { admin: boolean };

export function shadowed(users: User[]) {
  const admins = users.filter((u) => u.admin);
  for (const u of admins) console.log(u);
  return admins.length > 0;
}
