// @lazymod bands=low,low,low,low factors=none messages=includes,includes,includes,indexOf
// Strings are never `NaN`: `includes` and `===` agree when either side is provably a string.
type User = { email: string; team: { name: string } };
declare const users: User[];
declare const query: { email: string };
declare function read(): any;

export const hasTeam = users.some((u) => u.team.name === query.email);
const wanted = String(read()).toLowerCase();
export const hasWanted = users.some((u) => u.email === wanted);
const raw = read();
export const lowered = users.some((u) => u.email.toLowerCase() === raw);
export const byIndex = users.some((u) => u.email === raw);
