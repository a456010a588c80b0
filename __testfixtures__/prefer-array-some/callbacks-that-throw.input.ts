// @lazymod bands=medium,medium,medium,low,low,medium factors=callback-may-throw,callback-side-effects messages=compared,compared,compared,compared,compared,compared
// A callback that throws for a bad element: the eager form threw when any element was bad, the
// lazy one stops first. Caught inside the callback, or a pure helper of this file: nothing to say.
type Row = { id: number; meta: string };
declare const rows: Row[];

function isValid(row: Row) {
  if (row.id < 0) throw new Error(`bad id ${row.id}`);
  return row.meta !== "";
}
function isOpen(row: Row) {
  return row.meta.startsWith("open");
}
let checked = 0;
function counted(row: Row) {
  checked++;
  return isOpen(row);
}

export const thrown = rows.filter((r) => {
  if (!r.meta) throw new TypeError("no meta");
  return r.id > 0;
}).length > 0;
export const parsed = rows.filter((r) => JSON.parse(r.meta).active).length > 0;
export const viaHelper = rows.filter((r) => isValid(r)).length > 0;
export const caught = rows.filter((r) => {
  try {
    return JSON.parse(r.meta).active === true;
  } catch {
    return false;
  }
}).length > 0;
export const pureHelper = rows.filter((r) => isOpen(r) && r.id > 0).length > 0;
export const impureHelper = rows.filter((r) => counted(r)).length > 0;
