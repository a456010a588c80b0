// @lazymod bands=low,low,low factors=none messages=includes,includes,includes
// The mapped value is parenthesised before `=== v` only when it binds no tighter than `===`.
type User = { id: number; alias?: number; active: boolean };

export const shifted = (users: User[]) => users.map((u) => u.id + 1).includes(2);
export const aliased = (users: User[]) => users.map((u) => u.alias ?? u.id).includes(2);
export const compared = (users: User[]) => users.map((u) => u.id > 1).includes(true);
