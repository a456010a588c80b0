// @lazymod bands=low,low,low,low,low,low,low factors=none messages=compared,compared,compared,compared,compared,compared,compared
const xs: number[] = [1, 2, 3];
declare const flag: boolean;

export const notGreater = !xs.some((x) => x > 2);
export const and = flag && xs.some((x) => x > 2);
export const ternary = flag ? !xs.some((x) => x > 2) : false;
export const arrow = () => xs.some((x) => x > 2);
export const eq = xs.some((x) => x > 2) === flag;
export const eqRight = flag === !xs.some((x) => x > 2);
export const parenthesized = xs.some((x) => x > 2);
