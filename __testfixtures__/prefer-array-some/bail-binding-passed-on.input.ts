// @lazymod bands=none factors=none messages=none
// The filtered array is also passed on (`notify(admins)`): it is needed whole.
type User = { admin: boolean };
declare function notify(users: User[]): void;

export function f(users: User[]) {
  const admins = users.filter((u) => u.admin);
  if (admins.length > 0) notify(admins);
}
