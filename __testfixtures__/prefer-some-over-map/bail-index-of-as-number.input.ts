// @lazymod bands=none factors=none messages=none
// `.indexOf(…)` used as a number (not compared with -1 or 0): the position is needed.
type User = { id: number; age: number };
declare const users: User[];

export const indexOfNumber = users.map((u) => u.id).indexOf(3);
