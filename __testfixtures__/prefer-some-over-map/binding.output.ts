// @lazymod bands=low messages=binding
type User = { id: number };

export function isMember(users: User[], id: number) {
  if (users.some((u) => u.id === id)) return true;
  return false;
}
