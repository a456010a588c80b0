// @lazymod bands=medium,low factors=callback-side-effects messages=compared,compared
// Found by the property tests: `.filter(isOdd)` inside the callback runs `isOdd`, so stopping
// early skips its side effects (medium risk: held back by default); `.filter` was taken for pure
// whatever function it was given.
const xs = [3, 1, 4];
const seen = [];
function isOdd(n) {
  seen.push(n);
  return n % 2 === 1;
}
function isSmall(n) {
  return n < 3;
}

export const noneOdd = xs.every(function () { return xs.filter(isOdd).length === 0; });
export const noneSmall = xs.every(function () { return xs.filter(isSmall).length === 0; });
