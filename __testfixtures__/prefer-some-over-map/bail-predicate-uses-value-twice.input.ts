// @lazymod bands=none factors=none messages=none
// The predicate reads its value twice: the mapping would run twice per element.
type User = { id: number; age: number };
declare const users: User[];

export const usedTwice = users.map((u) => u.age).some((a) => a > 1 && a < 9);
