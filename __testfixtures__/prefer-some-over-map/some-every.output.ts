// @lazymod bands=low,low,low messages=some,every,some factors=none
type User = { age: number; tags: string[] };
declare const users: User[];

export const anyAdult = users.some((u) => u.age >= 18);
export const allAdults = users.every((u) => u.age >= 18);
export const tagged = users.some((u) => u.tags.length > 0);
