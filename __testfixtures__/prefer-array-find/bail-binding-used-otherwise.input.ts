// @lazymod bands=none factors=none messages=none
// The filtered array is also used for its length (`found.length > 1`): the array is needed.
declare const xs: { id: number; run(): void }[];

export function all() {
  const found = xs.filter((x) => x.id > 1);
  return found.length > 1 ? found[0] : null;
}
