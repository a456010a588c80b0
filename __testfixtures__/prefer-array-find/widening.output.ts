// @lazymod bands=low,low,low,low,low,low factors=non-null-assertion messages=first,first,first,first,first,first
type User = { admin: boolean; name: string };
declare const users: User[];
declare function greet(user: User): void;

export const tolerant = users.find((u) => u.admin) ?? null;
export const compared = users.find((u) => u.admin) === undefined;
export const chained = users.find((u) => u.admin)?.name;
export const asserted = users.find((u) => u.admin)!;
greet(users.find((u) => u.admin)!);
export const runner = users.find((u) => u.admin)!.name;
