// @lazymod bands=none factors=none messages=none
// The filtered array is read for its first and its last element: one `find` cannot give both.
declare const xs: { id: number; run(): void }[];

export function both() {
  const found = xs.filter((x) => x.id > 1);
  return [found[0], found.at(-1)];
}
