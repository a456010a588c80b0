// @lazymod bands=low,low,low,low messages=first,first,first,first factors=none
type User = { admin: boolean; name: string };
declare const users: User[];

export const byIndex = users.filter((u) => u.admin)[0]?.name;
export const byAt = users.filter((u) => u.admin).at(0) ?? null;
export const byShift = users.filter((u) => u.admin).shift() || undefined;
if (users.filter((u) => u.admin)[0]) console.log("found one");
