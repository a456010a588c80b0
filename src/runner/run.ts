import type { TransformSettings } from "../core/context.js";
import type { Transform } from "../core/define.js";
import { DEFAULT_MAX_RISK } from "../core/engine.js";
import type { Band, Target } from "../core/types.js";
import { transforms as allTransforms } from "../../transforms/index.js";
import { discoverFiles, type SkippedPath } from "./discover.js";
import { applyFilters, type FileFilter } from "./filter.js";
import { processFile, relativePath, type FileReport } from "./process-file.js";

export interface RunOptions {
  /** Files and directories to scan (default: the working directory). */
  paths?: readonly string[];
  cwd?: string;
  transforms?: readonly Transform[];
  target?: Target;
  maxRisk?: number;
  /** Write changes at or below maxRisk; without it nothing is written. */
  write?: boolean;
  settings?: TransformSettings;
  /** Narrow the discovered files (configuration `ignore` globs, `--since`). */
  filters?: readonly FileFilter[];
  /** Called after each file, in completion order. */
  onFile?: (report: FileReport, done: number, total: number) => void;
}

export interface Summary {
  filesScanned: number;
  filesChanged: number;
  filesSkipped: number;
  filesFailed: number;
  /** Files the prefilter let through to the parser. */
  filesParsed: number;
  changes: number;
  byBand: Record<Band, number>;
  byTransform: Record<string, number>;
  /** Changes at or below the threshold (written, or would be with --write). */
  applicable: number;
  /** Fixable changes above the threshold. */
  heldBack: number;
  /** Findings without an automatic fix. */
  reportOnly: number;
  /** Matches that ignore comments suppressed (not counted in `changes`). */
  suppressed: number;
  written: number;
  skippedByReason: Record<string, number>;
}

export interface RunResult {
  cwd: string;
  files: FileReport[];
  summary: Summary;
  elapsedMs: number;
  maxRisk: number;
  write: boolean;
  target: Target;
  transforms: string[];
}

export async function run(options: RunOptions = {}): Promise<RunResult> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const transforms = options.transforms ?? allTransforms;
  const maxRisk = options.maxRisk ?? DEFAULT_MAX_RISK;
  const target = options.target ?? "es2022";
  const write = options.write ?? false;
  const discovered = await discoverFiles(options.paths?.length ? options.paths : ["."], cwd);
  const filtered = applyFilters(discovered.files, options.filters);
  const discovery = {
    files: filtered.files,
    skipped: [...discovered.skipped, ...filtered.skipped],
  };
  const files: FileReport[] = discovery.skipped.map((skipped) => skippedReport(cwd, skipped));
  let done = 0;
  for (const file of discovery.files) {
    const report = await processFile(file, {
      cwd,
      transforms,
      target,
      maxRisk,
      write,
      settings: options.settings,
    });
    files.push(report);
    options.onFile?.(report, ++done, discovery.files.length);
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    cwd,
    files,
    summary: summarize(files),
    elapsedMs: performance.now() - started,
    maxRisk,
    write,
    target,
    transforms: transforms.map((t) => t.id),
  };
}

function skippedReport(cwd: string, skipped: SkippedPath): FileReport {
  return {
    path: relativePath(cwd, skipped.path),
    absolutePath: skipped.path,
    status: "skipped",
    reason: skipped.reason,
    changes: [],
    written: 0,
    parsed: false,
    internalErrors: [],
    bytes: 0,
  };
}

export function summarize(files: readonly FileReport[]): Summary {
  const summary: Summary = {
    filesScanned: 0,
    filesChanged: 0,
    filesSkipped: 0,
    filesFailed: 0,
    filesParsed: 0,
    changes: 0,
    byBand: { low: 0, medium: 0, high: 0 },
    byTransform: {},
    applicable: 0,
    heldBack: 0,
    reportOnly: 0,
    suppressed: 0,
    written: 0,
    skippedByReason: {},
  };
  for (const file of files) {
    if (file.status === "skipped") {
      summary.filesSkipped++;
      const reason = file.reason ?? "skipped";
      summary.skippedByReason[reason] = (summary.skippedByReason[reason] ?? 0) + 1;
      continue;
    }
    summary.filesScanned++;
    if (file.parsed) summary.filesParsed++;
    if (file.status === "error") summary.filesFailed++;
    if (file.changes.some((c) => c.status === "apply")) summary.filesChanged++;
    summary.written += file.written;
    summary.suppressed += file.suppressed?.length ?? 0;
    for (const change of file.changes) {
      summary.changes++;
      summary.byBand[change.risk.band]++;
      summary.byTransform[change.transform] = (summary.byTransform[change.transform] ?? 0) + 1;
      if (change.status === "apply") summary.applicable++;
      else if (change.status === "held") summary.heldBack++;
      else summary.reportOnly++;
    }
  }
  return summary;
}
