// @lazymod bands=low,low,medium,medium,medium factors=own-enumerable-keys messages=objectKeys,objectKeys,objectKeys,objectKeys,objectKeys
// A literal declared `as const` here has only its own enumerable string keys: `Object.hasOwn` finds
// the same ones. Not so for a literal that is mutable, passed on, or has a key that reads as a number.
const COLORS = { red: "#f00", "dark-blue": "#008" } as const;
const CODES = { 1: "one", two: "two" } as const;
const PASSED = { a: 1 } as const;
const PLAIN = { a: 1 };
declare function register(o: object): void;
register(PASSED);

export const isColor = (name: string) => Object.keys(COLORS).includes(name) && COLORS.red !== name;
export const isCode = (code: string) => Object.keys(CODES).includes(code);
export const isCodeOf = (code: any) => Object.keys(CODES).includes(code);
export const isPassed = (name: string) => Object.keys(PASSED).includes(name);
export const isPlain = (name: string) => Object.keys(PLAIN).includes(name);
