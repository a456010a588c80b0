// @lazymod bands=low,low,low,low,low,medium factors=callback-by-reference messages=compared,compared,compared,compared,compared,compared
// Well-known pure globals passed by reference have no body to read, and need none; a shadowed
// one is the file's own function, unknown here.
const values: unknown[] = [0, "", 1];
const numbers: number[] = [1, Infinity];

export const anyTruthy = values.filter(Boolean).length > 0;
export const anyFinite = numbers.filter(Number.isFinite).length > 0;
export const anyInteger = numbers.filter(Number.isInteger).length > 0;
export const anyArray = values.filter(Array.isArray).length > 0;
export const anyString = values.filter(String).length > 0;

export function shadowed(Boolean: (x: unknown) => boolean) {
  return values.filter(Boolean).length > 0;
}
