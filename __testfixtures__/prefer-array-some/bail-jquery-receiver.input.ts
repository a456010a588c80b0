// @lazymod bands=none factors=none messages=none
// jQuery-style receivers (a `$`-prefixed name, a `$(…)` call): their `filter` is jQuery's, which
// takes selectors and has no `some`.
declare const $items: { filter(selector: string | ((i: number) => boolean)): { length: number } };
declare const $: (selector: string) => { filter(fn: () => boolean): { length: number } };

export const jquery = $items.filter(".active").length > 0;
export const jqueryFn = $("li").filter(() => true).length > 0;
export const jqueryVar = $items.filter((i) => i > 0).length > 0;
