// @lazymod bands=none factors=none messages=none
// The element is called (`[0]()`): called as a member of the filtered array it gets that array as
// `this`, called as `find`'s result it gets none.
declare const tasks: (() => void)[];

tasks.filter(Boolean)[0]();
export {};
