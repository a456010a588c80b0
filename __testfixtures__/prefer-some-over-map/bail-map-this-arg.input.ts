// @lazymod bands=none factors=none messages=none
// A `thisArg` to `.map`: the mapping function would run with another `this` inside `some`.
type User = { id: number; age: number };
declare const users: User[];

export const thisArg = users.map((u) => u.id, users).includes(1);
