import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import type { TransformSettings } from "../core/context.js";
import type { Transform } from "../core/define.js";
import { DEFAULT_MAX_RISK } from "../core/engine.js";
import { describeLanguage } from "../core/language.js";
import type { Band, Target } from "../core/types.js";
import { transforms as allTransforms, transformsById } from "../../transforms/index.js";
import { discoverFiles, type SkippedPath } from "./discover.js";
import { LanguageResolver, type ExplicitTarget, type FileLanguage } from "./language.js";
import { applyFilters, type FileFilter } from "./filter.js";
import {
  blankReport,
  processFile,
  relativePath,
  screenFile,
  type FileReport,
  type ProcessOptions,
} from "./process-file.js";
import { isInShard, type Shard } from "./shard.js";
import type { BatchTask } from "./worker.js";

export interface RunOptions {
  /** Files and directories to scan (default: the working directory). */
  paths?: readonly string[];
  cwd?: string;
  transforms?: readonly Transform[];
  /**
   * The language level for every file. Without it, each file's nearest tsconfig.json or
   * jsconfig.json says (es2022 where there is none); its strictness settings apply either way.
   */
  target?: Target;
  /** Where `target` came from, for the reports (default `--target`). */
  targetFrom?: string;
  maxRisk?: number;
  /** Write changes at or below maxRisk; without it nothing is written. */
  write?: boolean;
  settings?: TransformSettings;
  /** Most worker threads (default: available parallelism − 1); 1 processes files in this thread. */
  jobs?: number;
  /** Process only this share of the files (for a CI matrix). */
  shard?: Shard;
  /** Narrow the discovered files (configuration `ignore` globs, `--since`). */
  filters?: readonly FileFilter[];
  /** Called once per file as soon as it is done, in any order (for progress). */
  onProgress?: (report: FileReport, done: number, total: number) => void;
  /** Called once per file, in discovery order (sorted by path), as soon as it and all before it are done. */
  onFile?: (report: FileReport) => void;
}

export interface Summary {
  filesScanned: number;
  filesChanged: number;
  filesSkipped: number;
  filesFailed: number;
  /** Files the prefilter let through to the parser. */
  filesParsed: number;
  /** Files read but never parsed, because they contain no trigger of any selected transform. */
  filesPrefiltered: number;
  changes: number;
  byBand: Record<Band, number>;
  byTransform: Record<string, number>;
  /** Changes at or below the threshold (written, or would be with --write). */
  applicable: number;
  /** Fixable changes above the threshold. */
  heldBack: number;
  /** Findings without an automatic fix. */
  reportOnly: number;
  written: number;
  /** Matches that ignore comments suppressed. */
  suppressed: number;
  skippedByReason: Record<string, number>;
  /** Parsed files per language level and its source: `"es2020 from tsconfig.json": 12`. */
  byLanguage: Record<string, number>;
}

export interface RunResult {
  cwd: string;
  /**
   * The files with changes or errors, sorted by path. Files with nothing to report are only
   * counted in the summary, so a run's memory does not grow with the repository's size.
   */
  files: FileReport[];
  summary: Summary;
  elapsedMs: number;
  maxRisk: number;
  write: boolean;
  /** The level given for every file; undefined when each file's tsconfig decided. */
  target?: Target;
  /** One line per tsconfig that could not be used (each names the file and the reason). */
  warnings: string[];
  transforms: string[];
  /** Worker threads used (1: in this thread). */
  jobs: number;
}

/** Files per batch sent to a worker. */
const MAX_BATCH = 32;
/**
 * The fewest files to parse per worker worth starting one for: a worker spends about 0.4 s loading
 * the parser and the transforms, the time it takes to parse a couple of hundred typical files.
 */
const PARSES_PER_WORKER = 200;
/** Each worker's old-generation heap limit. */
const WORKER_HEAP_MB = 512;

export async function run(options: RunOptions = {}): Promise<RunResult> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const transforms = options.transforms ?? allTransforms;
  const maxRisk = options.maxRisk ?? DEFAULT_MAX_RISK;
  const target = options.target;
  const explicit: ExplicitTarget | undefined = target
    ? { target, from: options.targetFrom ?? "--target" }
    : undefined;
  const write = options.write ?? false;
  const discovered = await discoverFiles(options.paths?.length ? options.paths : ["."], cwd);
  const filtered = applyFilters(discovered.files, options.filters);
  const discovery = {
    files: filtered.files,
    skipped: [...discovered.skipped, ...filtered.skipped],
  };
  const shard = options.shard;
  const files = shard
    ? discovery.files.filter((file) => isInShard(relativePath(cwd, file), shard))
    : discovery.files;

  const summary = emptySummary();
  const kept: FileReport[] = [];
  const warnings = new Set<string>();
  for (const skipped of discovery.skipped) keep(skippedReport(cwd, skipped));
  function keep(report: FileReport) {
    addToSummary(summary, report);
    if (report.languageWarning) warnings.add(report.languageWarning);
    // Files with something to report, and skipped ones (few, small; --verbose lists them).
    const skipped = report.status === "skipped";
    if (
      report.changes.length > 0 ||
      report.status === "error" ||
      skipped ||
      report.suppressed?.length
    )
      kept.push(report);
  }

  let done = 0;
  // Files that need no parsing are done while earlier ones still wait for a parser: progress and
  // the summary count them at once, the streamed report takes them in path order.
  const inPathOrder = inOrder(files.length, (report: FileReport) => options.onFile?.(report));
  const emit = (index: number, report: FileReport) => {
    keep(report);
    options.onProgress?.(report, ++done, files.length);
    if (options.onFile) inPathOrder(index, report);
  };
  const processOptions: ProcessOptions = {
    cwd,
    transforms,
    ...(explicit ? { target: explicit } : {}),
    maxRisk,
    write,
    settings: options.settings,
    languages: new LanguageResolver(cwd, explicit),
  };
  let jobs = 1;
  let next = 0;
  if (useWorkers(options.jobs, transforms)) {
    // Parsing is the cost, and a worker costs about as much to start (it loads the parser and
    // every transform) as parsing a couple of hundred files. So files are processed here, in
    // order, until that many needed parsing; past that, the rest are only screened here (read,
    // skip rules, prefilter), and the files that need parsing are shared out to as many workers
    // as there is parsing to pay for them.
    for (let parsed = 0; next < files.length && parsed < PARSES_PER_WORKER; next++) {
      const report = await processFile(files[next]!, processOptions);
      if (report.parsed) parsed++;
      emit(next, report);
    }
    const toParse: number[] = [];
    for (; next < files.length; next++) {
      const screened = await screenFile(files[next]!, processOptions);
      if (screened) emit(next, screened);
      else toParse.push(next);
    }
    jobs = Math.min(options.jobs ?? defaultJobs(), Math.floor(toParse.length / PARSES_PER_WORKER));
    if (jobs >= 2) await processInWorkers(files, toParse, processOptions, jobs, emit);
    else {
      jobs = 1;
      for (const index of toParse) emit(index, await processFile(files[index]!, processOptions));
    }
  } else {
    for (; next < files.length; next++) emit(next, await processFile(files[next]!, processOptions));
  }

  kept.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    cwd,
    files: kept,
    summary,
    elapsedMs: performance.now() - started,
    maxRisk,
    write,
    ...(target ? { target } : {}),
    warnings: [...warnings],
    transforms: transforms.map((t) => t.id),
    jobs,
  };
}

/** The built worker module; when running from TypeScript sources (tests), there is none. */
const workerFile = fileURLToPath(new URL("./worker.js", import.meta.url));
const canUseWorkers = workerFile.endsWith(".js") && import.meta.url.endsWith(".js");

/**
 * One worker per available core but one: the main thread works too (it screens every file and
 * parses the first 200 that need it). On a 2-core machine that means no workers, which measured
 * faster there: two threads parsing at once ran each nearly twice as slow.
 */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism() - 1);
}

function useWorkers(requested: number | undefined, transforms: readonly Transform[]): boolean {
  // Workers load transforms from the registry by id: a caller's own transform objects stay here.
  const registered = transforms.every((t) => transformsById.get(t.id) === t);
  return canUseWorkers && registered && (requested ?? defaultJobs()) > 1;
}

async function processInWorkers(
  files: readonly string[],
  indexes: readonly number[],
  options: ProcessOptions,
  jobs: number,
  emit: (index: number, report: FileReport) => void,
): Promise<void> {
  const { Piscina } = await import("piscina");
  const pool = new Piscina<BatchTask, FileReport[]>({
    filename: workerFile,
    minThreads: jobs,
    maxThreads: jobs,
    // Not a budget any file comes near (a 1 MiB file's tree is about 40 MiB), but V8 grows a heap
    // in proportion to its limit: with this one the L benchmark's peak RSS with two workers fell
    // from 397–431 MiB to 317–319 MiB, and the run was no slower.
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  const batchSize = Math.max(1, Math.min(MAX_BATCH, Math.ceil(indexes.length / (jobs * 8))));
  const { transforms, languages: _own, ...rest } = options;
  const taskOptions = { ...rest, transformIds: transforms.map((t) => t.id) };
  const batches: Promise<void>[] = [];
  try {
    for (let first = 0; first < indexes.length; first += batchSize) {
      const batch = indexes.slice(first, first + batchSize);
      batches.push(
        pool.run({ files: batch.map((i) => files[i]!), options: taskOptions }).then(
          (reports) => reports.forEach((report, i) => emit(batch[i]!, report)),
          // A crashed worker fails its batch's files, not the run.
          (error: unknown) =>
            batch.forEach((index) => emit(index, crashedReport(options.cwd, files[index]!, error))),
        ),
      );
    }
    await Promise.all(batches);
  } finally {
    await pool.destroy();
  }
}

/** Calls `deliver` in index order, holding back reports that finish before their predecessors. */
function inOrder<T>(total: number, deliver: (item: T) => void): (index: number, item: T) => void {
  const waiting = new Map<number, T>();
  let next = 0;
  return (index, item) => {
    waiting.set(index, item);
    while (next < total && waiting.has(next)) {
      const ready = waiting.get(next)!;
      waiting.delete(next);
      next++;
      deliver(ready);
    }
  };
}

function crashedReport(cwd: string, file: string, error: unknown): FileReport {
  return {
    ...blankReport(cwd, file),
    status: "error",
    reason: `worker failed: ${error instanceof Error ? error.message : String(error)}`,
  };
}

function skippedReport(cwd: string, skipped: SkippedPath): FileReport {
  return { ...blankReport(cwd, skipped.path), status: "skipped", reason: skipped.reason };
}

export function emptySummary(): Summary {
  return {
    filesScanned: 0,
    filesChanged: 0,
    filesSkipped: 0,
    filesFailed: 0,
    filesParsed: 0,
    filesPrefiltered: 0,
    changes: 0,
    byBand: { low: 0, medium: 0, high: 0 },
    byTransform: {},
    applicable: 0,
    heldBack: 0,
    reportOnly: 0,
    written: 0,
    suppressed: 0,
    skippedByReason: {},
    byLanguage: {},
  };
}

export function addToSummary(summary: Summary, file: FileReport): void {
  if (file.status === "skipped") {
    summary.filesSkipped++;
    const reason = file.reason ?? "skipped";
    summary.skippedByReason[reason] = (summary.skippedByReason[reason] ?? 0) + 1;
    return;
  }
  summary.filesScanned++;
  if (file.parsed) summary.filesParsed++;
  else if (file.status === "unchanged") summary.filesPrefiltered++;
  if (file.status === "error") summary.filesFailed++;
  if (file.changes.some((c) => c.status === "apply")) summary.filesChanged++;
  summary.written += file.written;
  if (file.language) {
    const key = languageKey(file.language);
    summary.byLanguage[key] = (summary.byLanguage[key] ?? 0) + 1;
  }
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

/** `es2020 from tsconfig.json`, `es2022 from default`, `es2023 from --target`. */
export function languageKey(language: FileLanguage): string {
  return `${describeLanguage(language)} from ${language.from}`;
}

export function summarize(files: readonly FileReport[]): Summary {
  const summary = emptySummary();
  for (const file of files) addToSummary(summary, file);
  return summary;
}
