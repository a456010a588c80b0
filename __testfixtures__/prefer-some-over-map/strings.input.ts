// @lazymod bands=low,low,low,low factors=none messages=includes,includes,includes,indexOf
// Strings are never `NaN`: `includes` and `===` agree when either side is provably a string.
type User = { email: string; team: { name: string } };
declare const users: User[];
declare const query: { email: string };
declare function read(): any;

export const hasTeam = users.map((u) => u.team.name).includes(query.email);
const wanted = String(read()).toLowerCase();
export const hasWanted = users.map((u) => u.email).includes(wanted);
const raw = read();
export const lowered = users.map((u) => u.email.toLowerCase()).includes(raw);
export const byIndex = users.map((u) => u.email).indexOf(raw) !== -1;
