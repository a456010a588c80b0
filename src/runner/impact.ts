import type { Change, ImpactNote } from "../core/types.js";

/**
 * The changes of a test file with the `test-code` impact note: they sort last by impact, whatever
 * their rank (a test's eager load costs nobody in production). Not a risk factor: no score moves.
 * New change objects: a report may be shared (the cache's stored results are).
 */
export function withTestCode(changes: readonly Change[]): Change[] {
  return changes.map((change) => {
    const impact = change.impact ?? { rank: 0, notes: [] };
    if (impact.notes.some((note) => note.id === "test-code")) return change;
    const note: ImpactNote = {
      id: "test-code",
      reason: "in a test file (the configuration's `tests` globs): ranked after application code",
    };
    return { ...change, impact: { ...impact, notes: [...impact.notes, note] } };
  });
}
