// @lazymod bands=low,low messages=binding,binding factors=none
type User = { admin: boolean };

export function checkAdmins(users: User[]) {
  if (users.some((u) => u.admin)) {
    return "has admins";
  }
  return !users.some((u) => !u.admin);
}
