// @lazymod non-null-assertions=false max-risk=low bands=high,low,high statuses=held,apply,held factors=result-type-widens messages=first,first,destructure
// A project that lints against `!`: where a use needs `T`, the change is held back instead.
type User = { admin: boolean; name: string };
declare const users: User[];

export const name = users.filter((u) => u.admin)[0].name;
export const maybeName = users.filter((u) => u.admin)[0]?.name;
export function admin() {
  const [first] = users.filter((u) => u.admin);
  return first.name;
}
