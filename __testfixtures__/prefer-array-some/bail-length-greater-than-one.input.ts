// @lazymod bands=none factors=none messages=none
// `> 1` asks for at least two matches: `some` answers only "at least one".
declare const xs: number[];

export const moreThanOne = xs.filter((x) => x > 1).length > 1;
