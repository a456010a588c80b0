// @lazymod bands=low messages=binding
type User = { id: number };

export function isMember(users: User[], id: number) {
  const ids = users.map((u) => u.id);
  if (ids.includes(id)) return true;
  return false;
}
