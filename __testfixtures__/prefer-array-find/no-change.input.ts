// @lazymod bands=none factors=none messages=none
declare const xs: { id: number; run(): void }[];

export const second = xs.filter((x) => x.id > 1)[1];
xs.filter((x) => x.id > 1)[0] = { id: 0, run() {} };
declare const tasks: (() => void)[];
tasks.filter(Boolean)[0]();
export const [a, b] = xs.filter((x) => x.id > 1);
export const [...rest] = xs.filter((x) => x.id > 1);
export const [c]: { id: number }[] = xs.filter((x) => x.id > 1);
export function both() {
  const found = xs.filter((x) => x.id > 1);
  return [found[0], found.at(-1)];
}
export function all() {
  const found = xs.filter((x) => x.id > 1);
  return found.length > 1 ? found[0] : null;
}
export const text = "a,b".split(",").at(0);
