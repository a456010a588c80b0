// @lazymod bands=none factors=none messages=none
// The filtered array's length is returned: the count is needed, not a yes or no.
type User = { admin: boolean };

export function g(users: User[]) {
  const admins = users.filter((u) => u.admin);
  return admins.length;
}
