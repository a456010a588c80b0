// @lazymod bands=low,low,low messages=binding,binding,binding factors=none
// Removing a declaration leaves no blank line behind: not two in a row, none right after `{`,
// none right before `}`.
type User = { admin: boolean; active: boolean };

export function between(users: User[]) {
  users.sort();

  if (users.some((u) => u.admin)) return "admins";
  return "none";
}

export function first(users: User[]) {
  return users.some((u) => u.active);
}

export function kept(users: User[]) {
  users.sort();

  if (!users.some((u) => !u.admin)) return "no guests";
  return "guests";
}
