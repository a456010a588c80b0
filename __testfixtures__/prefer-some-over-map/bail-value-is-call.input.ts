// @lazymod bands=none factors=none messages=none
// The value looked for is a call (`currentId()`): in the predicate it would run once per element.
type User = { id: number; age: number };
declare const users: User[];
declare function currentId(): number;

export const computed = users.map((u) => u.id).includes(currentId());
