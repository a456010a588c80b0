// @lazymod bands=medium,medium,low,medium,low factors=callback-side-effects,callback-by-reference messages=compared,compared,compared,compared,compared
import { isValid } from "./validation";

const xs: number[] = [1, 2, 3];
const seen: number[] = [];

export const pushes = xs.some((x) => {
  seen.push(x);
  return x > 1;
});
export const byReference = xs.some(isValid);
function isSmall(x: number) {
  return x < 2;
}
export const local = xs.some(isSmall);
export const counts = xs.some((x) => seen.length++ > x);
export const pure = xs.some((x) => Math.abs(x) > 1 && String(x).startsWith("1"));
