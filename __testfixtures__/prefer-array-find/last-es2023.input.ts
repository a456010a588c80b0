// @lazymod bands=low,low target=es2023 messages=last,last factors=none
declare const events: { kind: string; at: number }[];

export const lastError = events.filter((e) => e.kind === "error").at(-1)?.at;
export const lastWarning = events.filter((e) => e.kind === "warning").pop() ?? null;
