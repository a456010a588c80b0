// @lazymod lib=es2020,dom bands=medium factors=own-enumerable-keys messages=objectKeys
// The tsconfig's `lib` decides, whatever its target: es2020's library has no `Object.hasOwn` (TS2550).
export function hasOption(options: Record<string, unknown>, name: string) {
  return Object.keys(options).includes(name);
}
