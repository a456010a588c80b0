// @lazymod bands=low messages=binding factors=nan-semantics
type User = { id: number };

export function isMember(users: User[], id: number) {
  const ids = users.map((u) => u.id);
  if (ids.includes(id)) return true;
  return false;
}
