// @lazymod bands=low factors=none messages=compared
const groups: number[][] = [[1], [2, 3]];

export const anyGroupWithEven = groups.filter((g) => g.filter((n) => n % 2 === 0).length > 0).length > 0;
