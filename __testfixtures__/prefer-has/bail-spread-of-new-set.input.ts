// @lazymod bands=none factors=none messages=none
// `[...new Set(xs)]`: the set is built from the whole array either way, so `has` would save nothing.
declare const xs: string[];

export const inlineSet = [...new Set(xs)].includes("x");
