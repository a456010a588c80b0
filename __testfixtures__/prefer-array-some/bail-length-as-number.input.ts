// @lazymod bands=none factors=none messages=none
// The length is used as a number (a value, arithmetic): the count is needed, not a yes or no.
declare const xs: number[];

export const count = xs.filter((x) => x > 1).length;
export const plusOne = xs.filter((x) => x > 1).length + 1;
