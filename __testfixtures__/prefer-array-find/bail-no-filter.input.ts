// @lazymod bands=none factors=none messages=none
// `.at(0)` of an array no `filter` built: there is no eager filtering to make lazy.
export const text = "a,b".split(",").at(0);
