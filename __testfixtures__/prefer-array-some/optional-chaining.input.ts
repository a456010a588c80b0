// @lazymod bands=low,medium,low,low factors=optional-chain-value messages=compared,compared,compared,compared
type Order = { lines: { open: boolean }[] };
declare const order: Order | undefined;

if (order?.lines.filter((l) => l.open).length > 0) console.log("open lines");
export const anyOpen = order?.lines.filter((l) => l.open).length > 0;
export const noneOpen = order?.lines.filter((l) => l.open).length === 0;
export const flagged = [order?.lines.filter((l) => l.open).length === 0, 1 + 1];
