import { readFile } from "node:fs/promises";
import type { SuppressedMatch } from "../core/suppress.js";
import type { Change, FileWarning } from "../core/types.js";
import { exitCode } from "../exit-codes.js";
import { checkReportsBelongTogether } from "./merge-check.js";
import { MERGE_OPTIONS, mergeHelpText, parseCommandLine } from "../options.js";
import { reporters } from "../reporters/index.js";
import { UsageError } from "../runner/discover.js";
import type { FileLanguage } from "../runner/language.js";
import type { RunRecord } from "../runner/record.js";
import type { ErrorKind, FileReport } from "../runner/process-file.js";
import { emptySummary, type RunResult, type Summary } from "../runner/run.js";
import { toolVersion } from "../version.js";

type RangeKeys = "startLine" | "startColumn" | "endLine" | "endColumn";

/** A change as a report stores it; reports made before the range's lines and columns lack them. */
type StoredChange = Omit<Change, RangeKeys> & Partial<Pick<Change, RangeKeys>>;

interface JsonReport {
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
}

/**
 * `lazymod merge a.json b.json … [--format f] [--check]`: combines the JSON reports of several
 * shards into one and prints it in any format.
 */
export async function mergeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(MERGE_OPTIONS, argv);
  if (values.help) {
    process.stdout.write(mergeHelpText(toolVersion()));
    return 0;
  }
  if (positionals.length === 0) throw new UsageError("merge needs at least one JSON report");
  const format = values.format ?? "text";
  const reporter = reporters[format];
  if (!reporter)
    throw new UsageError(
      `--format must be one of ${Object.keys(reporters).join(", ")}, got "${format}"`,
    );
  const reports = await Promise.all(positionals.map(readReport));
  const result = mergeReports(
    reports.map((r) => r.report),
    positionals,
  );
  process.stdout.write(reporter(result, { color: false, verbose: Boolean(values.verbose) }));
  return exitCode(result.summary, {
    check: Boolean(values.check),
    failOnParseError: Boolean(values["fail-on-parse-error"]),
  });
}

async function readReport(file: string): Promise<{ report: JsonReport }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(
      `${file}: cannot read (${(error as { code?: string }).code ?? String(error)})`,
    );
  }
  let report: JsonReport;
  try {
    report = JSON.parse(text) as JsonReport;
  } catch (error) {
    throw new UsageError(
      `${file}: not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (report?.version !== 1 || !Array.isArray(report.files) || typeof report.summary !== "object") {
    throw new UsageError(
      `${file}: not a lazymod JSON report (version 1); make it with --format json`,
    );
  }
  return { report };
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
export function mergeReports(reports: readonly JsonReport[], names: readonly string[]): RunResult {
  checkReportsBelongTogether(reports, names);
  // The run the shards make together: their common record, without a shard.
  const { shard: _shard, ...record } = reports[0]!.run!;
  const summary = emptySummary();
  const files: FileReport[] = [];
  const seen = new Map<string, string>();
  const maxRisks = new Set<number>();
  let elapsedMs = 0;
  reports.forEach((report, i) => {
    for (const key of COUNTS) summary[key] += report.summary[key] ?? 0;
    for (const key of DERIVED_COUNTS)
      summary[key] += report.summary[key] ?? derivedCount(report, key);
    for (const band of ["low", "medium", "high"] as const)
      summary.byBand[band] += report.summary.byBand?.[band] ?? 0;
    addCounts(summary.byTransform, report.summary.byTransform);
    addCounts(summary.skippedByReason, report.summary.skippedByReason);
    addCounts(summary.byLanguage, report.summary.byLanguage);
    if (report.summary.maxRisk !== undefined) maxRisks.add(report.summary.maxRisk);
    elapsedMs = Math.max(elapsedMs, report.summary.elapsedMs ?? 0);
    for (const file of report.files) {
      const other = seen.get(file.path);
      if (other !== undefined)
        throw new UsageError(
          `${file.path} is in both ${other} and ${names[i]}: did the shards overlap?`,
        );
      seen.set(file.path, names[i]!);
      files.push({
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
      });
    }
  });
  if (maxRisks.size > 1)
    throw new UsageError(
      `the reports were made with different --max-risk values (${[...maxRisks].join(", ")})`,
    );
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    cwd: process.cwd(),
    files,
    summary,
    elapsedMs,
    maxRisk: [...maxRisks][0] ?? record.options.maxRisk,
    write: record.options.write,
    target: record.options.target,
    transforms: record.transforms,
    warnings: [...new Set(reports.flatMap((report) => report.warnings ?? []))],
    jobs: 1,
    record,
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

function addCounts(into: Record<string, number>, from: Record<string, number> | undefined): void {
  for (const [key, count] of Object.entries(from ?? {})) into[key] = (into[key] ?? 0) + count;
}
