// @lazymod bands=none factors=none messages=none
// An exported binding: other modules may read the filtered array.
export const exported = [1, 2].filter((n) => n > 1);
if (exported.length > 0) console.log("exported bindings are used by other modules");
