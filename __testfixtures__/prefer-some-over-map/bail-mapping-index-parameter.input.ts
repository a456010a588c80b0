// @lazymod bands=none factors=none messages=none
// A mapping function with a second parameter (the index): inlined into the predicate it would need
// the index passed on too.
type User = { id: number; age: number };
declare const users: User[];

export const twoParams = users.map((u, i) => u.id + i).includes(1);
