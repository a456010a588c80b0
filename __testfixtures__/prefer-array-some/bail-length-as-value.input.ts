// @lazymod bands=none factors=none messages=none
// `filter(…).length && "some"` gives the length when it is 0: a value, not a condition, so it
// cannot become a boolean.
declare const xs: number[];

export const valueAnd = xs.filter((x) => x > 1).length && "some";
