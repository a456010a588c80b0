// @lazymod bands=low,low,low,low,low,low,low,low,low,low,low,low,low,low,low,low factors=none messages=compared,compared,compared,compared,compared,compared,compared,compared,compared,compared,compared,compared,compared,compared,compared,compared
declare const users: Array<{ admin: boolean; active: boolean }>;

export const a = users.filter((u) => u.admin).length > 0;
export const b = users.filter((u) => u.admin).length !== 0;
export const c = users.filter((u) => u.admin).length != 0;
export const d = users.filter((u) => u.admin).length >= 1;
export const e = 0 < users.filter((u) => u.admin).length;
export const f = 0 !== users.filter((u) => u.admin).length;
export const g = 1 <= users.filter((u) => u.admin).length;
export const h = 0 != users.filter((u) => u.admin).length;

export const i = users.filter((u) => u.admin).length === 0;
export const j = users.filter((u) => u.admin).length == 0;
export const k = users.filter((u) => u.admin).length < 1;
export const l = users.filter((u) => u.admin).length <= 0;
export const m = 0 === users.filter((u) => u.admin).length;
export const n = 0 == users.filter((u) => u.admin).length;
export const o = 1 > users.filter((u) => u.admin).length;
export const p = 0 >= users.filter((u) => u.admin).length;
