// @lazymod bands=low,low,low,low,low,low,low messages=destructure,destructure,first,binding,first,first,first factors=non-null-assertion
type Token = { value: string; expired: boolean };
type Thread = { id: number };
type CommentInfo = { id: number; threads: Thread[] };
declare const tokens: Token[];

// Each of these already copes with no match, so `find` changes no type: no factor.
export function current() {
  const token = tokens.find((t) => !t.expired);
  if (!token) throw new Error("no token");
  return token.value;
}

export function currentValue() {
  const token = tokens.find((t) => t.value !== "");
  return token && !token.expired ? token.value : "expired";
}

export function firstValue() {
  const token = tokens.find((t) => !t.expired);
  if (token === undefined) return "none";
  return token.value;
}

export function label(list: Token[]) {
  const firstValid = list.find((t) => !t.expired);
  console.log("label");
  if (firstValid) return firstValid.value;
  return "none";
}

export const pick = (list: Token[]): Token | undefined => list.find((t) => t.expired);

// These need the element itself: `!` keeps the type `[0]` had, and the score shows it.
export function expiredValue() {
  return tokens.find((t) => t.expired)!.value;
}

export class Comments {
  private commentInfos: CommentInfo[] = [];
  add(id: number, thread: Thread) {
    this.commentInfos.find((c) => c.id === id)!.threads.push(thread);
  }
}
