// @lazymod bands=none factors=none messages=none
// The variable is reassigned and returned: the filtered array is a value of the program, not only
// a test.
type User = { admin: boolean };

export function h(users: User[]) {
  let admins = users.filter((u) => u.admin);
  if (admins.length > 0) admins = [];
  return admins;
}
