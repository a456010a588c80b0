// @lazymod bands=none factors=none messages=none
// Without --target es2023 there is no findLast: nothing changes.
declare const events: { kind: string }[];

export const lastError = events.filter((e) => e.kind === "error").at(-1);
export const lastWarning = events.filter((e) => e.kind === "warning").pop();
