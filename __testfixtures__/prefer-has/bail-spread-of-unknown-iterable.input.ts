// @lazymod bands=none factors=none messages=none
// A collection not provably a Set or Map (`Iterable<string>`): an array or a string has no `has`.
declare const maybe: Iterable<string>;

export const unknownCollection = [...maybe].includes("x");
