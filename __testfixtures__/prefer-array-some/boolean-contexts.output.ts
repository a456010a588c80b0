// @lazymod bands=low,low,low,low,low,low,low,low,low,low messages=condition,condition,condition,condition,condition,condition,condition,condition,condition,condition factors=none
const items: string[] = ["a", "bb"];
const long = (s: string) => s.length > 1;

if (items.some(long)) console.log("some long");
while (items.some((s) => s === "x")) items.pop();
do {
  items.push("x");
} while (!items.some((s) => s === "y"));
for (let n = 0; items.some((s) => s.length > n); n++) console.log(n);
export const neg = !items.some((s) => s.startsWith("a"));
export const dbl = items.some((s) => s.startsWith("a"));
export const bool = items.some((s) => s.endsWith("b"));
export const tern = items.some((s) => s === "b") ? "yes" : "no";
if (items.length > 2 && items.some((s) => s === "c")) console.log("c");
export const groups: string[][] = [items];
export const nonEmpty = groups.filter((g) => g.some((s) => s === "d"));
