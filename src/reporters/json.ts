import type { RunResult } from "../runner/run.js";

/** The documented JSON shape (`version: 1`); extra fields may be added, none removed or renamed. */
export function jsonReport(result: RunResult): string {
  const files = result.files
    .filter((file) => file.changes.length > 0 || file.status === "error")
    .map((file) => ({
      path: file.path,
      ...(file.sha256 ? { sha256: file.sha256 } : {}),
      ...(file.status === "error" ? { error: file.reason ?? "failed" } : {}),
      changes: file.changes.map((change) => ({
        transform: change.transform,
        line: change.line,
        column: change.column,
        start: change.start,
        end: change.end,
        replacement: change.replacement,
        message: change.message,
        diff: change.diff,
        risk: change.risk,
        status: change.status,
        messageId: change.messageId,
        ...(change.includes ? { includes: change.includes } : {}),
      })),
    }));
  const s = result.summary;
  const summary = {
    filesScanned: s.filesScanned,
    filesChanged: s.filesChanged,
    filesSkipped: s.filesSkipped,
    filesFailed: s.filesFailed,
    changes: s.changes,
    byBand: s.byBand,
    written: s.written,
    filesParsed: s.filesParsed,
    filesPrefiltered: s.filesPrefiltered,
    applicable: s.applicable,
    heldBack: s.heldBack,
    reportOnly: s.reportOnly,
    byTransform: s.byTransform,
    skippedByReason: s.skippedByReason,
    maxRisk: result.maxRisk,
    elapsedMs: Math.round(result.elapsedMs),
    jobs: result.jobs,
  };
  return `${JSON.stringify({ version: 1, files, summary }, null, 2)}\n`;
}
