// @lazymod bands=none factors=none messages=none
declare const $items: { filter(selector: string | ((i: number) => boolean)): { length: number } };
declare const $: (selector: string) => { filter(fn: () => boolean): { length: number } };
declare const xs: number[];

export const moreThanOne = xs.filter((x) => x > 1).length > 1;
export const count = xs.filter((x) => x > 1).length;
export const plusOne = xs.filter((x) => x > 1).length + 1;
export const jquery = $items.filter(".active").length > 0;
export const jqueryFn = $("li").filter(() => true).length > 0;
export const jqueryVar = $items.filter((i) => i > 0).length > 0;
export const str = "abc".split("").length > 0;
export const nodes = document.querySelectorAll("li").length > 0;

class Query {
  filter(_fn: (row: unknown) => boolean): Query {
    return this;
  }
  get length(): number {
    return 0;
  }
}
const query = new Query();
export const custom = query.filter(() => true).length > 0;
export const customInline = new Query().filter(() => true).length > 0;
export const valueAnd = xs.filter((x) => x > 1).length && "some";
