// @lazymod bands=none factors=none messages=none
// `.includes(NaN)`: `.includes` matches NaN (SameValueZero) and `===` never does, so
// `xs.some((x) => f(x) === NaN)` would always be false (found by the property tests).
const ratios: number[] = [0, 1, 2];

export const hasNaN = ratios.map((r) => r / r).includes(NaN);
export const hasNumberNaN = ratios.map((r) => r / r).includes(Number.NaN);
export const notNaN = !ratios.map((r) => 0 / r).includes(NaN);
