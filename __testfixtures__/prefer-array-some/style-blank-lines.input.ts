// @lazymod bands=low,low,low messages=binding,binding,binding factors=none
// Removing a declaration leaves no blank line behind: not two in a row, none right after `{`,
// none right before `}`.
type User = { admin: boolean; active: boolean };

export function between(users: User[]) {
  users.sort();

  const admins = users.filter((u) => u.admin);

  if (admins.length > 0) return "admins";
  return "none";
}

export function first(users: User[]) {
  const active = users.filter((u) => u.active);

  return active.length > 0;
}

export function kept(users: User[]) {
  users.sort();

  const guests = users.filter((u) => !u.admin);
  if (guests.length === 0) return "no guests";
  return "guests";
}
