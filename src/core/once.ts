/**
 * A value made by its first use, then kept: for the big CommonJS packages a run may never need
 * (Babel's parser when every file comes from the cache), loaded by `require` in the caller's
 * module, which keeps callers synchronous and, unlike an `import` of a CommonJS module, does not
 * scan all of the package's text for its export names first.
 */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
