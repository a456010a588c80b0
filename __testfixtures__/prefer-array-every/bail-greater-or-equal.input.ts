// @lazymod bands=none factors=none messages=none
// `>=` between the filtered and the whole length: only `===`/`!==` (and `==`/`!=`) comparisons are
// recognised, so this rarer form is left as written.
type Task = { done: boolean };
declare const tasks: Task[];

export const larger = tasks.filter((t) => t.done).length >= tasks.length;
