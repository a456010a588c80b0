import type { FileReport } from "../core/result.js";
import type { Change, Impact, Risk } from "../core/types.js";

/** What an order looks at: a change of a report, or of a plan. */
interface Ranked {
  risk: Pick<Risk, "score">;
  impact?: Impact;
}

/**
 * The orders `--sort` offers for the text, compact and Markdown reports (and `lazymod review`):
 *
 * - `path`: files by path, changes by position (the default; what every other format uses);
 * - `risk`: the highest score first; ties by path and position;
 * - `impact`: application code before test code (the `test-code` note), then by the impact rank
 *   the code shows (an ORM load with no filter or limit, then loads in loops and request
 *   handlers, then other changes in loops and handlers, then the rest), ties by path and position.
 */
export const SORT_ORDERS = ["path", "risk", "impact"] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export function isSortOrder(value: string): value is SortOrder {
  return (SORT_ORDERS as readonly string[]).includes(value);
}

/** A change with its file. */
export interface FiledChange {
  file: FileReport;
  change: Change;
}

function isTestCode(change: Ranked): boolean {
  return change.impact?.notes.some((note) => note.id === "test-code") === true;
}

/**
 * Compares two changes for an order; 0 for changes it does not tell apart, so a stable sort keeps
 * path order (result files are sorted by path, their changes by position) among them.
 */
export function compareChanges(order: SortOrder): (a: Ranked, b: Ranked) => number {
  switch (order) {
    case "path":
      return () => 0;
    case "risk":
      return (a, b) => b.risk.score - a.risk.score;
    case "impact":
      return (a, b) =>
        Number(isTestCode(a)) - Number(isTestCode(b)) ||
        (b.impact?.rank ?? 0) - (a.impact?.rank ?? 0);
  }
}

/** Every change of the files, in the order (files are taken in the path order they come in). */
export function changesInOrder(files: readonly FileReport[], order: SortOrder): FiledChange[] {
  const all = files.flatMap((file) => file.changes.map((change) => ({ file, change })));
  const compare = compareChanges(order);
  return all.sort((a, b) => compare(a.change, b.change));
}

/**
 * Files in the order of their first change in `order` (each file's changes sorted so too), for
 * reports that group changes by file (Markdown).
 */
export function filesInOrder<T extends { file: FileReport }>(
  entries: readonly T[],
  order: SortOrder,
): T[] {
  if (order === "path") return [...entries];
  const compare = compareChanges(order);
  const sorted = entries.map((entry) => ({
    ...entry,
    file: { ...entry.file, changes: [...entry.file.changes].sort(compare) },
  }));
  return sorted.sort((a, b) => {
    const first = (e: T) => e.file.changes[0];
    const x = first(a);
    const y = first(b);
    return x && y ? compare(x, y) : 0;
  });
}
