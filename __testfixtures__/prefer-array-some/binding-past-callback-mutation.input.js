// @lazymod bands=low messages=binding factors=none
// `xs.map((x) => xs.push(…))` changes `xs` through its callback, so `xs.some(…)` must not move
// past it into the use: the variable stays where the array was built and holds the answer.
const xs = [3, 1, 4];

export function report(...values) {
  return values;
}

export function moved() {
  const big = xs.filter((x) => x > 10);
  return report(xs.map((x) => xs.push(x * 10)).length, big.length > 0);
}
