// @lazymod bands=low,low target=es2023 messages=last,last factors=none
declare const events: { kind: string; at: number }[];

export const lastError = events.findLast((e) => e.kind === "error")?.at;
export const lastWarning = events.findLast((e) => e.kind === "warning") ?? null;
