// @lazymod bands=low messages=binding factors=none
type Task = { done: boolean };

export function progress(tasks: Task[]) {
  if (tasks.every((t) => t.done)) return "complete";
  return "in progress";
}
