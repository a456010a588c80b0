// @lazymod bands=low,low,low,low messages=includes,includes,includes,includes factors=nan-semantics
type User = { id: number; email: string; team: { name: string } };
declare const users: User[];
declare const id: number;
declare const query: { email: string };

export const hasId = users.map((u) => u.id).includes(id);
export const hasEmail = users.map((u) => u.email).includes("a@example.com");
export const hasTeam = users.map((u) => u.team.name).includes(query.email);
export const sum = users.map((u) => u.id + 1).includes(2);
export const hasNot = !users.map(({ id }) => id).includes(3);
