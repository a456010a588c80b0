// @lazymod bands=low,low,low,low,low messages=compared,compared,compared,compared,compared factors=none
type Task = { done: boolean };
declare const tasks: Task[];

export const allDone = tasks.every((t) => t.done);
export const allDoneMirrored = tasks.every((t) => t.done);
export const notAllDone = !tasks.every((t) => t.done);
export const loose = tasks.every((t) => t.done);

export class Board {
  tasks: Task[] = [];
  owner = { tasks: [] as Task[] };
  complete() {
    return this.tasks.every((t) => t.done);
  }
}
