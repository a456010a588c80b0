// @lazymod bands=low,low messages=binding,binding factors=none
type User = { admin: boolean };

export function checkAdmins(users: User[]) {
  const admins = users.filter((u) => u.admin);
  if (admins.length > 0) {
    return "has admins";
  }
  const guests = users.filter((u) => !u.admin);
  return guests.length === 0;
}
