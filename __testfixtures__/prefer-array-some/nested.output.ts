// @lazymod bands=low
const groups: number[][] = [[1], [2, 3]];

export const anyGroupWithEven = groups.some((g) => g.some((n) => n % 2 === 0));
