// @lazymod bands=none factors=none messages=none
// `[...map.values()]`: a Map looks up keys, not values, so there is no `has` for a value.
const byId = new Map<number, string>();

export const values = [...byId.values()].includes("a");
