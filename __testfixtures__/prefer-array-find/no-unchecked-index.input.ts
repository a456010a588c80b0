// @lazymod no-unchecked-indexed-access=true bands=low,low,low factors=none messages=first,destructure,first
// With noUncheckedIndexedAccess `[0]` is already `T | undefined`, as `find` is.
type User = { admin: boolean; name: string };
declare const users: User[];

export const admin = users.filter((u) => u.admin)[0];
export const [firstAdmin] = users.filter((u) => u.admin);
export function first() {
  return users.filter((u) => !u.admin)[0];
}
