// @lazymod bands=none factors=none messages=none
type User = { id: number; age: number };
declare const users: User[];
declare function currentId(): number;

export const computed = users.map((u) => u.id).includes(currentId());
export const fromIndex = users.map((u) => u.id).includes(1, 2);
export const thisArg = users.map((u) => u.id, users).includes(1);
export const twoParams = users.map((u, i) => u.id + i).includes(1);
export const block = users.map((u) => {
  return u.id;
}).includes(1);
export const usedTwice = users.map((u) => u.age).some((a) => a > 1 && a < 9);
export const captured = users.map((u) => u.id).some((a) => a === u);
export const shadowed = users.map((u) => u.id).includes(u);
export const indexOfNumber = users.map((u) => u.id).indexOf(3);
export function later(list: User[]) {
  const ids = list.map((u) => u.id);
  list.push({ id: 3, age: 1 });
  return ids.includes(3);
}
declare const u: number;
