// @lazymod lib=es5,dom bands=none factors=none messages=none
// TypeScript's ES5 library has no `find` (error TS2550): nothing is rewritten.
type User = { admin: boolean; name: string };
declare const users: User[];

export const admin = users.filter((u) => u.admin)[0];
export const [first] = users.filter((u) => u.admin);
