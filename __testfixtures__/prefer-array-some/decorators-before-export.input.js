// @lazymod bands=low factors=receiver-not-provably-array messages=compared
// Decorators before `export`, as the current decorators proposal allows.
@observer
export class TodoView {
  hasDone(todos) {
    return todos.filter((todo) => todo.done).length > 0;
  }
}
