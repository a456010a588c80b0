// @lazymod bands=low factors=receiver-not-provably-array messages=compared
// Inside a `function` the class's field no longer says what `this.items` is: `this` is the caller's.
export class List {
  items: string[] = [];
  handler() {
    return function () {
      return this.items.filter((i) => i === "a").length > 0;
    };
  }
}
