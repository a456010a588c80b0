/** Where lazymod's sources and docs live (also the base of the JSON schemas' `$id`). */
export const REPOSITORY_URL = "https://github.com/lazymod/lazymod";

/** A transform's doc page (docs/transforms/<id>.md). */
export function transformDocUrl(id: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/transforms/${encodeURIComponent(id)}.md`;
}
