// @lazymod bands=low,low,low,low messages=includes,includes,includes,includes factors=nan-semantics
type User = { id: number; email: string; team: { name: string } };
declare const users: User[];
declare const id: number;
declare const query: { email: string };

export const hasId = users.some((u) => u.id === id);
export const hasEmail = users.some((u) => u.email === "a@example.com");
export const hasTeam = users.some((u) => u.team.name === query.email);
export const sum = users.some((u) => u.id + 1 === 2);
export const hasNot = !users.map(({ id }) => id).includes(3);
