// @lazymod bands=none factors=none messages=none
// `[1]`: only the first (or last) element has a lazy equivalent (`find`, `findLast`).
declare const xs: { id: number; run(): void }[];

export const second = xs.filter((x) => x.id > 1)[1];
