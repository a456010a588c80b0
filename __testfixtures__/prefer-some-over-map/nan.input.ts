// @lazymod bands=none factors=none messages=none
// Found by the property tests: `.includes` matches NaN (SameValueZero), `===` never does, so
// `xs.some((x) => f(x) === NaN)` would always be false.
const ratios: number[] = [0, 1, 2];

export const hasNaN = ratios.map((r) => r / r).includes(NaN);
export const hasNumberNaN = ratios.map((r) => r / r).includes(Number.NaN);
export const notNaN = !ratios.map((r) => 0 / r).includes(NaN);
