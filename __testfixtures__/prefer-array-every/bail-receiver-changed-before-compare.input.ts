// @lazymod bands=none factors=none messages=none
// The filtered array is compared only after the receiver changed (`list.push`): the lengths come
// from different moments, so the test must stay after the change and cannot become `every`.
type Task = { done: boolean };

export function later(list: Task[]) {
  const done = list.filter((t) => t.done);
  list.push({ done: false });
  return done.length === list.length;
}
