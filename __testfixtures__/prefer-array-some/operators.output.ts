// @lazymod bands=low,low,low,low,low,low,low,low,low,low,low,low,low,low,low,low factors=none messages=compared,compared,compared,compared,compared,compared,compared,compared,compared,compared,compared,compared,compared,compared,compared,compared
declare const users: Array<{ admin: boolean; active: boolean }>;

export const a = users.some((u) => u.admin);
export const b = users.some((u) => u.admin);
export const c = users.some((u) => u.admin);
export const d = users.some((u) => u.admin);
export const e = users.some((u) => u.admin);
export const f = users.some((u) => u.admin);
export const g = users.some((u) => u.admin);
export const h = users.some((u) => u.admin);

export const i = !users.some((u) => u.admin);
export const j = !users.some((u) => u.admin);
export const k = !users.some((u) => u.admin);
export const l = !users.some((u) => u.admin);
export const m = !users.some((u) => u.admin);
export const n = !users.some((u) => u.admin);
export const o = !users.some((u) => u.admin);
export const p = !users.some((u) => u.admin);
