// @lazymod bands=low,low factors=none messages=binding,binding
type User = { admin: boolean; name: string };
declare function audit(message: string): void;

export function report(users: User[]) {
  const admins: User[] = users.filter((u) => u.admin);
  audit("checking");
  if (admins.length) audit("has admins");
  return admins.length === 0 ? "none" : "some";
}

export function later(users: User[]) {
  let guests = users.filter((u) => !u.admin);
  const total = users.length;
  return guests.length > 0 && total > 3;
}
