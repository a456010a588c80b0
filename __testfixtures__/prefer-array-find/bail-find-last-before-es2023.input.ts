// @lazymod bands=none factors=none messages=none
// `.at(-1)`/`.pop()` of a filter below es2023 (the default target here is es2022): there is no
// `findLast` to rewrite to, so nothing changes.
declare const events: { kind: string }[];

export const lastError = events.filter((e) => e.kind === "error").at(-1);
export const lastWarning = events.filter((e) => e.kind === "warning").pop();
