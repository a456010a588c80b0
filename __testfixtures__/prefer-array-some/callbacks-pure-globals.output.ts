// @lazymod bands=low,low,low,low,low,medium factors=callback-by-reference messages=compared,compared,compared,compared,compared,compared
// Well-known pure globals passed by reference have no body to read, and need none; a shadowed
// one is the file's own function, unknown here.
const values: unknown[] = [0, "", 1];
const numbers: number[] = [1, Infinity];

export const anyTruthy = values.some(Boolean);
export const anyFinite = numbers.some(Number.isFinite);
export const anyInteger = numbers.some(Number.isInteger);
export const anyArray = values.some(Array.isArray);
export const anyString = values.some(String);

export function shadowed(Boolean: (x: unknown) => boolean) {
  return values.some(Boolean);
}
