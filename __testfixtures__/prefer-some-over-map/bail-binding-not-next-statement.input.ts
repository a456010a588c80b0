// @lazymod bands=none factors=none messages=none
// The mapped array is searched only after the list changed (`list.push`): mapping inside `some`
// at the search would see the new element.
type User = { id: number; age: number };
declare const users: User[];

export function later(list: User[]) {
  const ids = list.map((u) => u.id);
  list.push({ id: 3, age: 1 });
  return ids.includes(3);
}
