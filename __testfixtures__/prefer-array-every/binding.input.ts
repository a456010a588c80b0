// @lazymod bands=low messages=binding factors=none
type Task = { done: boolean };

export function progress(tasks: Task[]) {
  const done = tasks.filter((t) => t.done);
  if (done.length === tasks.length) return "complete";
  return "in progress";
}
