// @lazymod bands=low messages=binding factors=nan-semantics
type User = { id: number };

export function isMember(users: User[], id: number) {
  if (users.some((u) => u.id === id)) return true;
  return false;
}
