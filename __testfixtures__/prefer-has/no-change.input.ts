// @lazymod bands=none factors=none messages=none
declare const maybe: Iterable<string>;
declare const xs: string[];
const byId = new Map<number, string>();
const text = "abc";

export const unknownCollection = [...maybe].includes("x");
export const inlineSet = [...new Set(xs)].includes("x");
export const entries = [...byId].includes([1, "a"]);
export const values = [...byId.values()].includes("a");
export const chars = [...text].includes("a");
export const mapped = Array.from(new Set(xs), (x) => x.length).includes(1);
export function shadow(Object: { keys(o: object): string[] }, o: object) {
  return Object.keys(o).includes("a");
}
