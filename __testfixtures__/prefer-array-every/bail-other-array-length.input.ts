// @lazymod bands=none factors=none messages=none
// The filtered length is compared with another array's length: `every` answers only for the array
// that was filtered, so the comparison is left as written.
type Task = { done: boolean };
declare const tasks: Task[];
declare const other: Task[];

export const different = tasks.filter((t) => t.done).length === other.length;
