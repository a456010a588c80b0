// @lazymod bands=low,low factors=none messages=compared,compared
type Item = { done: boolean };

export function TodoList({ items }: { items: Item[] }) {
  return (
    <section>
      {items.filter((i) => !i.done).length > 0 && <p>Things to do</p>}
      {/* `&&` with a number renders 0: a value, not a condition, so left alone */}
      {items.filter((i) => i.done).length && <p>Done</p>}
      <p hidden={items.filter((i) => i.done).length === 0}>Some done</p>
    </section>
  );
}
