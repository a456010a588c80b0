// @lazymod bands=none factors=none messages=none
// `Object` here is a parameter, not the global: its `keys` may be anything.
export function shadow(Object: { keys(o: object): string[] }, o: object) {
  return Object.keys(o).includes("a");
}
