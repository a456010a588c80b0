// @lazymod bands=low,low,low,low,low messages=setCopy,setCopy,mapKeys,mapKeys,setCopy factors=none
const seen = new Set<string>();
declare const ids: ReadonlySet<number>;
const byId: Map<number, string> = new Map();

export const a = seen.has("x");
export const b = ids.has(3);
export const c = byId.has(3);
export const d = byId.has(4);
export class Cache {
  private keys: Set<string> = new Set();
  has(key: string) {
    return this.keys.has(key);
  }
}
