// @lazymod bands=low,low,medium factors=nan-semantics,receiver-not-provably-array messages=includes,some,includes
// A file that writes a lone arrow parameter without parentheses gets new arrows written the same way.
type User = { id: number; age: number };

const byAge = (users: User[]) => users.slice().sort((a, b) => a.age - b.age);

export function hasId(users: User[], id: number) {
  return users.some(u => u.id === id);
}

export function hasAdult(users: User[]) {
  return users.some(u => u.age >= 18);
}

function toId(user: User) {
  return user.id;
}

export function hasIdByReference(users: User[], id: number) {
  return byAge(users).some(value => toId(value) === id);
}
