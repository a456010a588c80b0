// @lazymod bands=none factors=none messages=none
// `[...text]`: a string's characters, and a string has no `has`.
const text = "abc";

export const chars = [...text].includes("a");
