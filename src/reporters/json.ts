import type { RunResult } from "../core/result.js";

/** The documented JSON shape (`version: 1`); extra fields may be added, none removed or renamed. */
export function jsonReportData(result: RunResult) {
  const files = result.files
    .filter(
      (file) =>
        file.changes.length > 0 ||
        file.status === "error" ||
        (file.suppressed?.length ?? 0) > 0 ||
        (file.warnings?.length ?? 0) > 0,
    )
    .map((file) => ({
      path: file.path,
      ...(file.sha256 ? { sha256: file.sha256 } : {}),
      ...(file.status === "error"
        ? { error: file.reason ?? "failed", errorKind: file.errorKind ?? "internal" }
        : {}),
      ...(file.language ? { language: file.language } : {}),
      changes: file.changes.map((change) => ({
        transform: change.transform,
        line: change.line,
        column: change.column,
        start: change.start,
        end: change.end,
        startLine: change.startLine,
        startColumn: change.startColumn,
        endLine: change.endLine,
        endColumn: change.endColumn,
        replacement: change.replacement,
        original: change.original,
        message: change.message,
        diff: change.diff,
        risk: change.risk,
        status: change.status,
        messageId: change.messageId,
        ...(change.includes ? { includes: change.includes } : {}),
        ...(change.impact ? { impact: change.impact } : {}),
      })),
      ...(file.suppressed?.length ? { suppressed: file.suppressed } : {}),
      ...(file.warnings?.length ? { warnings: file.warnings } : {}),
      ...(file.formatting ? { formatting: file.formatting } : {}),
    }));
  const s = result.summary;
  const summary = {
    filesScanned: s.filesScanned,
    filesChanged: s.filesChanged,
    filesWithFindings: s.filesWithFindings,
    filesWritten: s.filesWritten,
    filesSkipped: s.filesSkipped,
    filesFailed: s.filesFailed,
    filesUnparsed: s.filesUnparsed,
    changes: s.changes,
    byBand: s.byBand,
    written: s.written,
    filesParsed: s.filesParsed,
    filesPrefiltered: s.filesPrefiltered,
    applicable: s.applicable,
    heldBack: s.heldBack,
    reportOnly: s.reportOnly,
    suppressed: s.suppressed,
    warnings: s.warnings,
    byTransform: s.byTransform,
    skippedByReason: s.skippedByReason,
    ...(s.formatted + s.notFormatted > 0
      ? { formatted: s.formatted, notFormatted: s.notFormatted }
      : {}),
    // Sorted: files finish in any order (worker threads), and the report should not depend on it.
    byLanguage: Object.fromEntries(
      Object.entries(s.byLanguage).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ),
    ...(result.types
      ? {
          typeChecked: s.typeChecked,
          typeErrors: s.typeErrors,
          byProof: Object.fromEntries(
            Object.entries(s.byProof).sort(([a], [b]) => (a < b ? -1 : 1)),
          ),
        }
      : {}),
    ...(s.outsideBands > 0 ? { outsideBands: s.outsideBands } : {}),
    ...(s.outsideDiff ? { outsideDiff: s.outsideDiff } : {}),
    maxRisk: result.maxRisk,
    elapsedMs: Math.round(result.elapsedMs),
    jobs: result.jobs,
  };
  // `run` says what the run was, so `lazymod merge` can refuse reports that do not belong together.
  // `interrupted` only when a signal stopped the run: then files and summary cover only what it got to.
  const interrupted = result.interrupted
    ? {
        interrupted: {
          filesProcessed: result.interrupted.filesProcessed,
          filesWritten: result.interrupted.filesWritten,
          notProcessed: result.interrupted.notProcessed,
        },
      }
    : {};
  return {
    version: 1 as const,
    ...(result.record ? { run: result.record } : {}),
    files,
    summary,
    ...(result.types ? { types: result.types } : {}),
    ...interrupted,
    ...(result.warnings.length > 0 ? { warnings: result.warnings } : {}),
  };
}

export function jsonReport(result: RunResult): string {
  return `${JSON.stringify(jsonReportData(result), null, 2)}\n`;
}
