// @lazymod bands=none factors=none messages=none
// `Array.from(set, mapFn)` holds the mapped values, not the set's: `set.has` would look up the wrong
// thing.
declare const xs: string[];

export const mapped = Array.from(new Set(xs), (x) => x.length).includes(1);
