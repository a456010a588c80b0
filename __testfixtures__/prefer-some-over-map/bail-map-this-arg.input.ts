// @lazymod bands=none factors=none messages=none
// A `thisArg` to `.map`: it is the `this` of a mapping function, which the predicate inlined into
// `some` would not have, so the form is left alone (even with an arrow, which ignores it).
type User = { id: number; age: number };
declare const users: User[];

export const thisArg = users.map((u) => u.id, users).includes(1);
