// @lazymod bands=none factors=none messages=none
// The element is assigned to: `find` gives a value, not a place in an array, so there is nothing to
// rewrite it to.
declare const xs: { id: number; run(): void }[];

xs.filter((x) => x.id > 1)[0] = { id: 0, run() {} };
export {};
