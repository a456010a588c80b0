// @lazymod bands=low,low,low messages=some,every,some factors=none
type User = { age: number; tags: string[] };
declare const users: User[];

export const anyAdult = users.map((u) => u.age).some((age) => age >= 18);
export const allAdults = users.map((u) => u.age).every((a) => a >= 18);
export const tagged = users.map((u) => u.tags).some((tags) => tags.length > 0);
