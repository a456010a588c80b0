// @lazymod bands=none factors=none messages=none
// An optional chain (`tasks?.filter`): the comparison's other side does not short-circuit with it,
// so lazymod does not guess what an absent receiver should give.
type Task = { done: boolean };
declare const tasks: Task[];

export const optional = tasks?.filter((t) => t.done).length === tasks.length;
