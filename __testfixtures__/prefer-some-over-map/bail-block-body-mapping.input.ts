// @lazymod bands=none factors=none messages=none
// A block-bodied mapping function: its statements cannot be inlined into the predicate.
type User = { id: number; age: number };
declare const users: User[];

export const block = users.map((u) => {
  return u.id;
}).includes(1);
