// @lazymod bands=none factors=none messages=none
// An instance of a class of the file that does not extend Array: its `filter` and `length` are its
// own, and it has no `some`.
class Query {
  filter(_fn: (row: unknown) => boolean): Query {
    return this;
  }
  get length(): number {
    return 0;
  }
}
const query = new Query();
export const custom = query.filter(() => true).length > 0;
export const customInline = new Query().filter(() => true).length > 0;
