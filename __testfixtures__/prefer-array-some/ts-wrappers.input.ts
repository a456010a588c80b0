// @lazymod bands=low,low,low,low,low factors=none messages=compared,compared,compared,compared,compared
type Row = { ok: boolean };
declare const rows: Row[];
declare const maybe: Row[] | undefined;

export const asArray = (rows.filter((r) => r.ok) as Row[]).length > 0;
export const nonNull = rows.filter((r) => r.ok)!.length > 0;
export const satisfied = (rows.filter((r) => r.ok) satisfies Row[]).length > 0;
export const castReceiver = (maybe as Row[]).filter((r) => r.ok).length === 0;
export const bangReceiver = maybe!.filter((r) => r.ok).length > 0;
