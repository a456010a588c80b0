// @lazymod bands=none factors=none messages=none
// A rest element collects every match: the whole filtered array is needed.
declare const xs: { id: number; run(): void }[];

export const [...rest] = xs.filter((x) => x.id > 1);
