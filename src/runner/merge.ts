import { UsageError } from "../core/errors.js";
import {
  emptySummary,
  type ErrorKind,
  type FileLanguage,
  type FileReport,
  type RunRecord,
  type RunResult,
  type Summary,
  type TransformInfo,
  type TypesRun,
} from "../core/result.js";
import type { SuppressedMatch } from "../core/suppress.js";
import type { Change, FileWarning } from "../core/types.js";
import { checkReportsBelongTogether } from "./merge-check.js";

type RangeKeys = "startLine" | "startColumn" | "endLine" | "endColumn";

/** A change as a report stores it; reports made before the range's lines and columns lack them. */
type StoredChange = Omit<Change, RangeKeys> & Partial<Pick<Change, RangeKeys>>;

/** A JSON report (`--format json`) as read back, by `lazymod merge`. */
export interface JsonReport {
  version: number;
  run?: RunRecord;
  files: Array<{
    path: string;
    sha256?: string;
    error?: string;
    errorKind?: ErrorKind;
    changes: StoredChange[];
    suppressed?: SuppressedMatch[];
    warnings?: FileWarning[];
    language?: FileLanguage;
  }>;
  summary: Partial<Summary> & { maxRisk?: number; elapsedMs?: number };
  warnings?: string[];
  types?: TypesRun;
}

/** What a merge needs besides the reports. */
export interface MergeContext {
  /** The directory the merged result's paths are relative to (where merge runs). */
  cwd: string;
  /** The metadata of the transforms lazymod knows, for the merged result's `transformInfo`. */
  transforms: readonly TransformInfo[];
}

const COUNTS = [
  "filesScanned",
  "filesChanged",
  "filesSkipped",
  "filesFailed",
  "filesUnparsed",
  "filesParsed",
  "filesPrefiltered",
  "changes",
  "applicable",
  "heldBack",
  "reportOnly",
  "written",
  "suppressed",
  "warnings",
  "typeChecked",
  "typeErrors",
  "outsideBands",
] as const;

/** Counts added to version 1 later: a report made before them lacks them, so they are derived. */
const DERIVED_COUNTS = ["filesWithFindings", "filesWritten"] as const;

/**
 * Every file with a change is listed in a report, so `filesWithFindings` is exact. A file's own
 * written count is not, so `filesWritten` is taken as the files with an applicable change that did
 * not fail, when the report wrote anything.
 */
function derivedCount(report: JsonReport, key: (typeof DERIVED_COUNTS)[number]): number {
  if (key === "filesWithFindings") return report.files.filter((f) => f.changes.length > 0).length;
  if (!report.summary.written) return 0;
  return report.files.filter((f) => !f.error && f.changes.some((c) => c.status === "apply")).length;
}

/**
 * One run's result from the reports of its shards; refused (UsageError) when they are not the
 * shards of one run (see checkReportsBelongTogether), or a file is listed twice (overlap).
 */
export function mergeReports(
  reports: readonly JsonReport[],
  names: readonly string[],
  context: MergeContext,
): RunResult {
  checkReportsBelongTogether(reports, names);
  // The run the shards make together: their common record, without a shard.
  const { shard: _shard, ...record } = reports[0]!.run!;
  const summary = emptySummary();
  const files: FileReport[] = [];
  const seen = new Map<string, string>();
  let elapsedMs = 0;
  let types: TypesRun | undefined;
  reports.forEach((report, i) => {
    for (const key of COUNTS) summary[key] += report.summary[key] ?? 0;
    for (const key of DERIVED_COUNTS)
      summary[key] += report.summary[key] ?? derivedCount(report, key);
    for (const band of ["low", "medium", "high"] as const)
      summary.byBand[band] += report.summary.byBand?.[band] ?? 0;
    addCounts(summary.byTransform, report.summary.byTransform);
    addCounts(summary.skippedByReason, report.summary.skippedByReason);
    addCounts(summary.byLanguage, report.summary.byLanguage);
    addCounts(summary.byProof, report.summary.byProof);
    if (report.summary.outsideDiff) {
      summary.outsideDiff ??= { changes: 0, files: 0, warnings: 0 };
      summary.outsideDiff.changes += report.summary.outsideDiff.changes;
      summary.outsideDiff.files += report.summary.outsideDiff.files;
      summary.outsideDiff.warnings += report.summary.outsideDiff.warnings;
    }
    if (report.types) types = addTypes(types, report.types);
    elapsedMs = Math.max(elapsedMs, report.summary.elapsedMs ?? 0);
    for (const file of report.files) {
      const other = seen.get(file.path);
      if (other !== undefined)
        throw new UsageError(
          `${file.path} is in both ${other} and ${names[i]}: did the shards overlap?`,
        );
      seen.set(file.path, names[i]!);
      files.push(reportedFile(file));
    }
  });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    tool: record.tool,
    ...(types ? { types } : {}),
    cwd: context.cwd,
    files,
    summary,
    elapsedMs,
    maxRisk: record.options.maxRisk,
    write: record.options.write,
    target: record.options.target,
    transforms: record.transforms,
    // What is known of each transform the reports name (a transform this lazymod lacks has none).
    transformInfo: record.transforms.flatMap((id) => context.transforms.filter((t) => t.id === id)),
    warnings: [...new Set(reports.flatMap((report) => report.warnings ?? []))],
    jobs: 1,
    record,
  };
}

/** A file of a JSON report (or a plan) as a file report of a run: what reporters need of it. */
export function reportedFile(file: JsonReport["files"][number]): FileReport {
  return {
    path: file.path,
    absolutePath: file.path,
    status: file.error
      ? "error"
      : file.changes.some((c) => c.status === "apply")
        ? "changed"
        : "unchanged",
    ...(file.error ? { reason: file.error, errorKind: file.errorKind ?? "internal" } : {}),
    ...(file.sha256 ? { sha256: file.sha256 } : {}),
    ...(file.language ? { language: file.language } : {}),
    changes: file.changes.map(withRange),
    ...(file.suppressed ? { suppressed: file.suppressed } : {}),
    ...(file.warnings ? { warnings: file.warnings } : {}),
    written: 0,
    parsed: true,
    internalErrors: [],
    bytes: 0,
  };
}

/**
 * A change with its range's lines and columns. An earlier report lacks them; there `line` and
 * `column` are where the range starts, and `original` gives its end.
 */
function withRange(change: StoredChange): Change {
  const { startLine, startColumn, endLine, endColumn } = change;
  if (
    startLine !== undefined &&
    startColumn !== undefined &&
    endLine !== undefined &&
    endColumn !== undefined
  )
    return { ...change, startLine, startColumn, endLine, endColumn };
  const lines = change.original.split("\n");
  const last = lines[lines.length - 1]!;
  return {
    ...change,
    startLine: change.line,
    startColumn: change.column,
    endLine: change.line + lines.length - 1,
    endColumn: lines.length === 1 ? change.column + last.length : last.length + 1,
  };
}

/** The shards' programs together (each shard built its own). */
function addTypes(into: TypesRun | undefined, from: TypesRun): TypesRun {
  if (!into) return { ...from };
  return {
    programs: into.programs + from.programs,
    files: into.files + from.files,
    programFiles: into.programFiles + from.programFiles,
    sharedFiles: (into.sharedFiles ?? 0) + (from.sharedFiles ?? 0),
    fileLocal: (into.fileLocal ?? 0) + (from.fileLocal ?? 0),
    notNeeded: (into.notNeeded ?? 0) + (from.notNeeded ?? 0),
    milliseconds: into.milliseconds + from.milliseconds,
    ...((into.compiler ?? from.compiler) ? { compiler: into.compiler ?? from.compiler } : {}),
  };
}

function addCounts(into: Record<string, number>, from: Record<string, number> | undefined): void {
  for (const [key, count] of Object.entries(from ?? {})) into[key] = (into[key] ?? 0) + count;
}
