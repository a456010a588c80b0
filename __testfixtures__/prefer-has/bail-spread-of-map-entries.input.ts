// @lazymod bands=none factors=none messages=none
// `[...map]` holds `[key, value]` entries, and `includes` compares them by identity: no `has`
// answers that.
const byId = new Map<number, string>();

export const entries = [...byId].includes([1, "a"]);
