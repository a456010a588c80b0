// @lazymod strict=false bands=low,low,low factors=none messages=first,destructure,binding
// Without strictNullChecks `find` is typed `T`, like `[0]`: nothing to keep.
type User = { admin: boolean; name: string };
declare const users: User[];

export const name = users.find((u) => u.admin).name;
export const admin = users.find((u) => u.admin);
export function first() {
  return users.find((u) => u.admin);
}
