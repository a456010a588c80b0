// @lazymod bands=low,medium,medium,low messages=destructure,destructure,destructure,destructure factors=non-null-assertion,destructuring-default
type User = { id: number; admin: boolean };
declare const users: User[];
declare const guest: User;
declare const a: User | undefined;
declare const b: User;

export const [admin] = users.filter((u) => u.admin);
export const [adminOrGuest = guest] = users.filter((u) => u.admin);
export function pick(list: User[] | undefined) {
  const [first = a || b] = (list ?? users).filter((u) => u.id > 1);
  return first;
}
export function ids() {
  let [{ id }] = users.filter((u) => u.admin);
  return id;
}
