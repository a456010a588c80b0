// @lazymod bands=none factors=none messages=none
// The receiver is a call made twice (`load()`): the two calls may return different arrays, so there
// is no one array to ask `every` of.
type Task = { done: boolean };
declare function load(): Task[];

export const calls = load().filter((t) => t.done).length === load().length;
