// @lazymod bands=none factors=none messages=none
// A pattern with two elements needs two matches: `find` gives one.
declare const xs: { id: number; run(): void }[];

export const [a, b] = xs.filter((x) => x.id > 1);
