// @lazymod bands=none factors=none messages=none
type User = { admin: boolean };
declare function notify(users: User[]): void;

export function f(users: User[]) {
  const admins = users.filter((u) => u.admin);
  if (admins.length > 0) notify(admins);
}

export function g(users: User[]) {
  const admins = users.filter((u) => u.admin);
  return admins.length;
}

export function h(users: User[]) {
  let admins = users.filter((u) => u.admin);
  if (admins.length > 0) admins = [];
  return admins;
}

export const exported = [1, 2].filter((n) => n > 1);
if (exported.length > 0) console.log("exported bindings are used by other modules");

export function shadowed(users: User[]) {
  const admins = users.filter((u) => u.admin);
  for (const u of admins) console.log(u);
  return admins.length > 0;
}
