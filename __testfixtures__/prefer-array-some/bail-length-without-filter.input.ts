// @lazymod bands=none factors=none messages=none
// `.length > 0` of an array no `filter` built (a split string, a DOM list): nothing is filtered, so
// there is nothing to make lazy.
export const str = "abc".split("").length > 0;
export const nodes = document.querySelectorAll("li").length > 0;
