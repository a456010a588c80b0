// @lazymod bands=none factors=none messages=none
// The value (or predicate) names `u`, the mapping function's parameter: inlined, it would be
// captured by that parameter.
type User = { id: number; age: number };
declare const users: User[];
declare const u: number;

export const captured = users.map((u) => u.id).some((a) => a === u);
export const shadowed = users.map((u) => u.id).includes(u);
