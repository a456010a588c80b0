// @lazymod lib=es2022,es2023.array bands=low messages=last factors=none
// `findLast` comes from the `es2023.array` library alone, without the whole of es2023.
type User = { admin: boolean; name: string };
declare const users: User[];

export const newest = users.findLast((u) => u.admin);
