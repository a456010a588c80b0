// @lazymod bands=low,low,low,low,low factors=none messages=compared,compared,compared,compared,compared
type Row = { ok: boolean };
declare const rows: Row[];
declare const maybe: Row[] | undefined;

export const asArray = rows.some((r) => r.ok);
export const nonNull = rows.some((r) => r.ok);
export const satisfied = rows.some((r) => r.ok);
export const castReceiver = !(maybe as Row[]).some((r) => r.ok);
export const bangReceiver = maybe!.some((r) => r.ok);
