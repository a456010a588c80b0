// @lazymod bands=low,low,low,low messages=first,first,first,first factors=none
type User = { admin: boolean; name: string };
declare const users: User[];

export const byIndex = users.find((u) => u.admin)?.name;
export const byAt = users.find((u) => u.admin) ?? null;
export const byShift = users.find((u) => u.admin) || undefined;
if (users.find((u) => u.admin)) console.log("found one");
