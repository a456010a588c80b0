// @lazymod bands=low,low,low,low,low,low,low,low,low,low messages=condition,condition,condition,condition,condition,condition,condition,condition,condition,condition factors=none
const items: string[] = ["a", "bb"];
const long = (s: string) => s.length > 1;

if (items.filter(long).length) console.log("some long");
while (items.filter((s) => s === "x").length) items.pop();
do {
  items.push("x");
} while (!items.filter((s) => s === "y").length);
for (let n = 0; items.filter((s) => s.length > n).length; n++) console.log(n);
export const neg = !items.filter((s) => s.startsWith("a")).length;
export const dbl = !!items.filter((s) => s.startsWith("a")).length;
export const bool = Boolean(items.filter((s) => s.endsWith("b")).length);
export const tern = items.filter((s) => s === "b").length ? "yes" : "no";
if (items.length > 2 && items.filter((s) => s === "c").length) console.log("c");
export const groups: string[][] = [items];
export const nonEmpty = groups.filter((g) => g.filter((s) => s === "d").length);
