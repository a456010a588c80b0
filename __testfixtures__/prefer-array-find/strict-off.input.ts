// @lazymod strict=false bands=low,low,low factors=none messages=first,destructure,binding
// Without strictNullChecks `find` is typed `T`, like `[0]`: nothing to keep.
type User = { admin: boolean; name: string };
declare const users: User[];

export const name = users.filter((u) => u.admin)[0].name;
export const [admin] = users.filter((u) => u.admin);
export function first() {
  const admins = users.filter((u) => u.admin);
  return admins[0];
}
