// @lazymod bands=low,medium,low,low factors=optional-chain-value messages=compared,compared,compared,compared
type Order = { lines: { open: boolean }[] };
declare const order: Order | undefined;

if (order?.lines.some((l) => l.open)) console.log("open lines");
export const anyOpen = order?.lines.some((l) => l.open);
export const noneOpen = order?.lines.some((l) => l.open) === false;
export const flagged = [order?.lines.some((l) => l.open) === false, 1 + 1];
