// @lazymod bands=none factors=none messages=none
// `.includes(v, fromIndex)` skips the first elements: `some` has no start index.
type User = { id: number; age: number };
declare const users: User[];

export const fromIndex = users.map((u) => u.id).includes(1, 2);
