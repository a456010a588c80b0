// @lazymod bands=low,low,low,low,low messages=setCopy,setCopy,mapKeys,mapKeys,setCopy factors=none
const seen = new Set<string>();
declare const ids: ReadonlySet<number>;
const byId: Map<number, string> = new Map();

export const a = [...seen].includes("x");
export const b = Array.from(ids).includes(3);
export const c = [...byId.keys()].includes(3);
export const d = Array.from(byId.keys()).includes(4);
export class Cache {
  private keys: Set<string> = new Set();
  has(key: string) {
    return [...this.keys].includes(key);
  }
}
