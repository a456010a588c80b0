// @lazymod bands=low,low,low,low,low factors=none messages=indexOf,indexOf,indexOf,indexOf,indexOf
type User = { id: number };
declare const users: User[];
declare const id: number;

export const a = users.map((u) => u.id).indexOf(id) !== -1;
export const b = users.map((u) => u.id).indexOf(id) > -1;
export const c = users.map((u) => u.id).indexOf(id) >= 0;
export const d = users.map((u) => u.id).indexOf(id) === -1;
export const e = -1 === users.map((u) => u.id).indexOf(id);
