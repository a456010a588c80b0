// @lazymod bands=low,low,low target=es2023 messages=binding,binding,binding factors=non-null-assertion
type Task = { done: boolean; title: string };

export function nextTask(tasks: Task[]) {
  return tasks.find((t) => !t.done)!;
}

export function summary(tasks: Task[]) {
  const firstFinished = tasks.find((t) => t.done);
  console.log("summary");
  return `${firstFinished?.title ?? "none"} (${firstFinished?.done})`;
}

export function latest(tasks: Task[]) {
  const lastOpen = tasks.findLast((t) => !t.done);
  console.log("latest");
  return lastOpen;
}
