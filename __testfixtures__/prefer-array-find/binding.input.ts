// @lazymod bands=low,low,low target=es2023 messages=binding,binding,binding factors=non-null-assertion
type Task = { done: boolean; title: string };

export function nextTask(tasks: Task[]) {
  const open = tasks.filter((t) => !t.done);
  return open[0];
}

export function summary(tasks: Task[]) {
  const finished = tasks.filter((t) => t.done);
  console.log("summary");
  return `${finished[0]?.title ?? "none"} (${finished[0]?.done})`;
}

export function latest(tasks: Task[]) {
  const open = tasks.filter((t) => !t.done);
  console.log("latest");
  return open.at(-1);
}
