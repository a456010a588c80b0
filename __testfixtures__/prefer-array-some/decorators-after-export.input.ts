// @lazymod bands=low factors=none messages=compared
// Standard decorators may stand after `export` (TypeScript 5); lazymod reads them too.
declare function component(value: unknown, context: ClassDecoratorContext): void;

export @component class Panel {
  items: { open: boolean }[] = [];

  hasOpen(): boolean {
    return this.items.filter((item) => item.open).length > 0;
  }
}
