// @lazymod bands=low,medium,medium,low messages=destructure,destructure,destructure,destructure factors=non-null-assertion,destructuring-default
type User = { id: number; admin: boolean };
declare const users: User[];
declare const guest: User;
declare const a: User | undefined;
declare const b: User;

export const admin = users.find((u) => u.admin)!;
export const adminOrGuest = users.find((u) => u.admin) ?? guest;
export function pick(list: User[] | undefined) {
  const first = (list ?? users).find((u) => u.id > 1) ?? (a || b);
  return first;
}
export function ids() {
  let { id } = users.find((u) => u.admin)!;
  return id;
}
