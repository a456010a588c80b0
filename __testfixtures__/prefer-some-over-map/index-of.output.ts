// @lazymod bands=low,low,low,low,low factors=none messages=indexOf,indexOf,indexOf,indexOf,indexOf
type User = { id: number };
declare const users: User[];
declare const id: number;

export const a = users.some((u) => u.id === id);
export const b = users.some((u) => u.id === id);
export const c = users.some((u) => u.id === id);
export const d = !users.some((u) => u.id === id);
export const e = !users.some((u) => u.id === id);
