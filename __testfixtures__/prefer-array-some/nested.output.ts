// @lazymod bands=low factors=none messages=compared
const groups: number[][] = [[1], [2, 3]];

export const anyGroupWithEven = groups.some((g) => g.some((n) => n % 2 === 0));
