import type { Plan, PlannedChange, PlannedFile } from "../plan/plan.js";
import type { Band } from "../core/types.js";
import { compareChanges, type SortOrder } from "../reporters/order.js";

// A review is a list of a plan's changes and a reviewer's decision on each, kept as plain data so
// that a session file can hold it and resume it. Nothing here reads a file or a key.

/** A reviewer's decision on one change. */
export type Decision =
  | { kind: "yes" }
  | { kind: "no" }
  /** Accepted with the reviewer's own replacement (checked to parse), and the diff it makes. */
  | { kind: "edit"; replacement: string; diff: string };

/** One change offered for review. */
export interface ReviewItem {
  /** Its identity in the plan: path, range and transform (stable across a resumed session). */
  key: string;
  file: PlannedFile;
  change: PlannedChange;
}

/** The decisions of one step (a key press), so that undo takes back the whole step. */
type Step = string[];

export interface ReviewState {
  items: ReviewItem[];
  decisions: Map<string, Decision>;
  /** The steps taken, oldest first. */
  history: Step[];
}

function itemKey(file: PlannedFile, change: PlannedChange): string {
  return JSON.stringify([file.path, change.start, change.end, change.transform]);
}

/**
 * The changes of a plan a reviewer can say yes or no to (every change with a fix: those the plan
 * would apply and those it holds back; a finding without a fix has nothing to accept), in the
 * `sort` order, of the `bands` (all without).
 */
export function reviewItems(plan: Plan, sort: SortOrder, bands?: readonly Band[]): ReviewItem[] {
  const items = plan.files.flatMap((file) =>
    file.changes
      .filter((change) => change.status !== "report")
      .filter((change) => !bands || bands.includes(change.risk.band))
      .map((change) => ({ key: itemKey(file, change), file, change })),
  );
  const compare = compareChanges(sort);
  // The plan lists files by path and changes by position; the sort is stable.
  return items.sort((a, b) => compare(a.change, b.change));
}

export function newReview(items: ReviewItem[]): ReviewState {
  return { items, decisions: new Map(), history: [] };
}

/** The change to decide now: the first without a decision, in review order. */
export function currentItem(state: ReviewState): ReviewItem | undefined {
  return state.items.find((item) => !state.decisions.has(item.key));
}

export function decide(state: ReviewState, item: ReviewItem, decision: Decision): void {
  state.decisions.set(item.key, decision);
  state.history.push([item.key]);
}

/**
 * `yes`/`no` to this change and every later undecided change of its file (yes to the rest of
 * the file; skip the file), as one step.
 */
export function decideRestOfFile(
  state: ReviewState,
  item: ReviewItem,
  decision: Decision & { kind: "yes" | "no" },
): number {
  const from = state.items.indexOf(item);
  const keys = state.items
    .slice(from)
    .filter((other) => other.file.path === item.file.path && !state.decisions.has(other.key))
    .map((other) => other.key);
  for (const key of keys) state.decisions.set(key, decision);
  state.history.push(keys);
  return keys.length;
}

/** Takes back the last step; the first change it decided is the one to decide again. */
export function undo(state: ReviewState): ReviewItem | undefined {
  const step = state.history.pop();
  if (!step) return undefined;
  for (const key of step) state.decisions.delete(key);
  return state.items.find((item) => item.key === step[0]);
}

export interface ReviewCounts {
  accepted: number;
  edited: number;
  rejected: number;
  undecided: number;
}

export function reviewCounts(state: ReviewState): ReviewCounts {
  const counts: ReviewCounts = { accepted: 0, edited: 0, rejected: 0, undecided: 0 };
  for (const item of state.items) {
    const decision = state.decisions.get(item.key);
    if (!decision) counts.undecided++;
    else if (decision.kind === "no") counts.rejected++;
    else {
      counts.accepted++;
      if (decision.kind === "edit") counts.edited++;
    }
  }
  return counts;
}

/**
 * The plan's files with only the changes accepted, each marked `apply` (a reviewer's yes takes a
 * held-back change in too) and, if edited, with the reviewer's replacement and diff.
 */
export function acceptedFiles(state: ReviewState): PlannedFile[] {
  const byFile = new Map<PlannedFile, PlannedChange[]>();
  for (const item of state.items) {
    const decision = state.decisions.get(item.key);
    if (!decision || decision.kind === "no") continue;
    const change: PlannedChange = {
      ...item.change,
      status: "apply",
      ...(decision.kind === "edit"
        ? { replacement: decision.replacement, diff: decision.diff, edited: true }
        : {}),
    };
    byFile.set(item.file, [...(byFile.get(item.file) ?? []), change]);
  }
  return [...byFile]
    .map(([file, changes]) => ({
      ...file,
      changes: changes.sort((a, b) => a.start - b.start || a.end - b.end),
    }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
