import type { RunResult } from "../runner/run.js";

/** The documented JSON shape (`version: 1`); extra fields may be added, none removed or renamed. */
export function jsonReportData(result: RunResult) {
  const files = result.files
    .filter(
      (file) =>
        file.changes.length > 0 || file.status === "error" || (file.suppressed?.length ?? 0) > 0,
    )
    .map((file) => ({
      path: file.path,
      ...(file.sha256 ? { sha256: file.sha256 } : {}),
      ...(file.status === "error" ? { error: file.reason ?? "failed" } : {}),
      ...(file.language ? { language: file.language } : {}),
      changes: file.changes.map((change) => ({
        transform: change.transform,
        line: change.line,
        column: change.column,
        start: change.start,
        end: change.end,
        replacement: change.replacement,
        original: change.original,
        message: change.message,
        diff: change.diff,
        risk: change.risk,
        status: change.status,
        messageId: change.messageId,
        ...(change.includes ? { includes: change.includes } : {}),
      })),
      ...(file.suppressed?.length ? { suppressed: file.suppressed } : {}),
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
    suppressed: s.suppressed,
    byTransform: s.byTransform,
    skippedByReason: s.skippedByReason,
    // Sorted: files finish in any order (worker threads), and the report should not depend on it.
    byLanguage: Object.fromEntries(
      Object.entries(s.byLanguage).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ),
    maxRisk: result.maxRisk,
    elapsedMs: Math.round(result.elapsedMs),
    jobs: result.jobs,
  };
  return {
    version: 1 as const,
    files,
    summary,
    ...(result.warnings.length > 0 ? { warnings: result.warnings } : {}),
  };
}

export type JsonReport = ReturnType<typeof jsonReportData>;

export function jsonReport(result: RunResult): string {
  return `${JSON.stringify(jsonReportData(result), null, 2)}\n`;
}
