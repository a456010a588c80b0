// @lazymod bands=low,low,low,low,low,low factors=non-null-assertion messages=first,first,first,first,first,first
type User = { admin: boolean; name: string };
declare const users: User[];
declare function greet(user: User): void;

export const tolerant = users.filter((u) => u.admin)[0] ?? null;
export const compared = users.filter((u) => u.admin)[0] === undefined;
export const chained = users.filter((u) => u.admin)[0]?.name;
export const asserted = users.filter((u) => u.admin)[0]!;
greet(users.filter((u) => u.admin)[0]);
export const runner = users.filter((u) => u.admin)[0]!.name;
