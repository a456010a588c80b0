// @lazymod bands=low,low,low,low,low messages=compared,compared,compared,compared,compared factors=none
type Task = { done: boolean };
declare const tasks: Task[];

export const allDone = tasks.filter((t) => t.done).length === tasks.length;
export const allDoneMirrored = tasks.length === tasks.filter((t) => t.done).length;
export const notAllDone = tasks.filter((t) => t.done).length !== tasks.length;
export const loose = tasks.filter((t) => t.done).length == tasks.length;

export class Board {
  tasks: Task[] = [];
  owner = { tasks: [] as Task[] };
  complete() {
    return this.tasks.filter((t) => t.done).length === this.tasks.length;
  }
}
