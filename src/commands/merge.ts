import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { SuppressedMatch } from "../core/suppress.js";
import type { Change } from "../core/types.js";
import { reporters } from "../reporters/index.js";
import { UsageError } from "../runner/discover.js";
import type { FileLanguage } from "../runner/language.js";
import type { FileReport } from "../runner/process-file.js";
import { emptySummary, type RunResult, type Summary } from "../runner/run.js";

interface JsonReport {
  version: number;
  files: Array<{
    path: string;
    sha256?: string;
    error?: string;
    changes: Change[];
    suppressed?: SuppressedMatch[];
    language?: FileLanguage;
  }>;
  summary: Partial<Summary> & { maxRisk?: number; elapsedMs?: number };
  warnings?: string[];
}

const MERGE_HELP = `lazymod merge: combine the JSON reports of several shards (--shard k/n) into one report

Usage: lazymod merge [options] <report.json…>

Each report is the output of a run with --format json over one shard of the same tree. A file
that appears in two reports is a usage error (exit 2): the shards overlap.

Options:
      --format <name>  Format of the merged report on stdout: ${Object.keys(reporters).join(", ")} (default: text)
      --check          Exit with code 1 if the merged report has a change at or below its --max-risk
      --verbose        Show more detail in the text report
  -h, --help           Show this help

Exit codes: 0 done; 1 --check found changes; 2 usage error, or a file failed in one of the runs.
`;

/**
 * `lazymod merge a.json b.json … [--format f] [--check]`: combines the JSON reports of several
 * shards into one and prints it in any format.
 */
export async function mergeCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string" },
        check: { type: "boolean" },
        verbose: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(MERGE_HELP);
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
  if (result.summary.filesFailed > 0) return 2;
  return values.check && result.summary.applicable > 0 ? 1 : 0;
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
  "filesParsed",
  "filesPrefiltered",
  "changes",
  "applicable",
  "heldBack",
  "reportOnly",
  "written",
  "suppressed",
] as const;

/** One run's result from the reports of its shards; a file listed twice means overlapping shards. */
export function mergeReports(reports: readonly JsonReport[], names: readonly string[]): RunResult {
  const summary = emptySummary();
  const files: FileReport[] = [];
  const seen = new Map<string, string>();
  const maxRisks = new Set<number>();
  let elapsedMs = 0;
  reports.forEach((report, i) => {
    for (const key of COUNTS) summary[key] += report.summary[key] ?? 0;
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
        ...(file.error ? { reason: file.error } : {}),
        ...(file.sha256 ? { sha256: file.sha256 } : {}),
        ...(file.language ? { language: file.language } : {}),
        changes: file.changes,
        ...(file.suppressed ? { suppressed: file.suppressed } : {}),
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
    maxRisk: [...maxRisks][0] ?? 24,
    write: summary.written > 0,
    warnings: [...new Set(reports.flatMap((report) => report.warnings ?? []))],
    transforms: Object.keys(summary.byTransform),
    jobs: 1,
  };
}

function addCounts(into: Record<string, number>, from: Record<string, number> | undefined): void {
  for (const [key, count] of Object.entries(from ?? {})) into[key] = (into[key] ?? 0) + count;
}
