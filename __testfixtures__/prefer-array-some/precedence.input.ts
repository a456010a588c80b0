// @lazymod bands=low,low,low,low,low,low,low factors=none messages=compared,compared,compared,compared,compared,compared,compared
const xs: number[] = [1, 2, 3];
declare const flag: boolean;

export const notGreater = !(xs.filter((x) => x > 2).length > 0);
export const and = flag && xs.filter((x) => x > 2).length > 0;
export const ternary = flag ? xs.filter((x) => x > 2).length === 0 : false;
export const arrow = () => xs.filter((x) => x > 2).length > 0;
export const eq = xs.filter((x) => x > 2).length > 0 === flag;
export const eqRight = flag === xs.filter((x) => x > 2).length <= 0;
export const parenthesized = (xs.filter((x) => x > 2)).length > 0;
