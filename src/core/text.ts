/** The byte-order mark a file may start with; lazymod keeps it, and offsets count after it. */
export const BOM = "\uFEFF";

/** The text without its byte-order mark, if it has one. */
export function withoutBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(BOM.length) : text;
}
