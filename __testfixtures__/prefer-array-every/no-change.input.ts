// @lazymod bands=none factors=none messages=none
type Task = { done: boolean };
declare const tasks: Task[];
declare const other: Task[];
declare function load(): Task[];

export const different = tasks.filter((t) => t.done).length === other.length;
export const calls = load().filter((t) => t.done).length === load().length;
export const larger = tasks.filter((t) => t.done).length >= tasks.length;
export const optional = tasks?.filter((t) => t.done).length === tasks.length;
export function later(list: Task[]) {
  const done = list.filter((t) => t.done);
  list.push({ done: false });
  return done.length === list.length;
}
