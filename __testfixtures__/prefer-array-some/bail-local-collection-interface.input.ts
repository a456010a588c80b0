// @lazymod bands=none factors=none messages=none
// `Bag` is declared here with its own `filter`: not an array, so its `filter` is left alone.
interface Bag<T> {
  filter(p: (x: T) => boolean): Bag<T>;
  length: number;
}
interface Store {
  bag: Bag<string>;
}
class Shelf {
  constructor(private readonly store: Store) {}
  has() {
    return this.store.bag.filter((x) => x === "a").length > 0;
  }
}
export const shelf = new Shelf({ bag: { filter: () => ({}) as never, length: 0 } });
