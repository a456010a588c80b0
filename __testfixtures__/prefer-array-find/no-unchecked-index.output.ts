// @lazymod no-unchecked-indexed-access=true bands=low,low,low factors=none messages=first,destructure,first
// With noUncheckedIndexedAccess `[0]` is already `T | undefined`, as `find` is.
type User = { admin: boolean; name: string };
declare const users: User[];

export const admin = users.find((u) => u.admin);
export const firstAdmin = users.find((u) => u.admin);
export function first() {
  return users.find((u) => !u.admin);
}
