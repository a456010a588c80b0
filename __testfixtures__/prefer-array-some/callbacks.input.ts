// @lazymod bands=medium,medium,low,medium,low factors=callback-side-effects,callback-by-reference messages=compared,compared,compared,compared,compared
import { isValid } from "./validation";

const xs: number[] = [1, 2, 3];
const seen: number[] = [];

export const pushes = xs.filter((x) => {
  seen.push(x);
  return x > 1;
}).length > 0;
export const byReference = xs.filter(isValid).length > 0;
function isSmall(x: number) {
  return x < 2;
}
export const local = xs.filter(isSmall).length > 0;
export const counts = xs.filter((x) => seen.length++ > x).length > 0;
export const pure = xs.filter((x) => Math.abs(x) > 1 && String(x).startsWith("1")).length > 0;
