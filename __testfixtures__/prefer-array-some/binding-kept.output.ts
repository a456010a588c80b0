// @lazymod bands=low,low factors=none messages=binding,binding
type User = { admin: boolean; name: string };
declare function audit(message: string): void;

export function report(users: User[]) {
  const hasAdmins = users.some((u) => u.admin);
  audit("checking");
  if (hasAdmins) audit("has admins");
  return !hasAdmins ? "none" : "some";
}

export function later(users: User[]) {
  let hasGuests = users.some((u) => !u.admin);
  const total = users.length;
  return hasGuests && total > 3;
}
