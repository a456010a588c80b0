import type { Change } from "../core/types.js";

/**
 * Gives changes in a test file the `test-code` impact note: they sort last by impact, whatever
 * their rank (a test's eager load costs nobody in production). Not a risk factor: no score moves.
 */
export function markTestCode(changes: readonly Change[]): void {
  for (const change of changes) {
    const impact = change.impact ?? { rank: 0, notes: [] };
    if (impact.notes.some((note) => note.id === "test-code")) continue;
    impact.notes.push({
      id: "test-code",
      reason: "in a test file (the configuration's `tests` globs): ranked after application code",
    });
    change.impact = impact;
  }
}
