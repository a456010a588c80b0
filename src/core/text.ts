/** The byte-order mark a file may start with; lazymod keeps it, and offsets count after it. */
export const BOM = "\uFEFF";

/** The text without its byte-order mark, if it has one. */
export function withoutBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(BOM.length) : text;
}

/** `1 change`, `3 changes`: a count with its noun, plural as English spells most. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
