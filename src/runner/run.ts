import {
  addToSummary,
  emptySummary,
  transformInfo,
  type Interruption,
  type RunResult,
  type TypesRun,
} from "../core/result.js";
import { toolVersion } from "../version.js";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TransformSettings } from "../core/context.js";
import type { Transform } from "../core/define.js";
import { DEFAULT_MAX_RISK } from "../core/engine.js";
import type { Band, Target } from "../core/types.js";
import { withTestCode } from "./impact.js";
import { discoverFiles, scannedFileAt, type SkippedPath } from "./discover.js";
import { UsageError } from "../core/errors.js";
import type { FormatChoice } from "./format-changed.js";
import { forgetProjectFormatting, projectFormattingFor } from "../project/formatter-config.js";
import { LanguageResolver, type ExplicitTarget } from "../project/language.js";
import { applyFilters, type FileFilter } from "./filter.js";
import {
  blankReport,
  processFile,
  relativePath,
  screenFile,
  type ProcessOptions,
} from "./process-file.js";
import { type FileReport } from "../core/result.js";
import { isInShard } from "./shard.js";
import { type Shard } from "../core/result.js";
import type { BatchTask } from "./worker.js";
import { writeGuard } from "./write.js";
import { eventLoopYielder } from "./yield.js";
import { ProjectTypes } from "../project/typescript/programs.js";
import { withinChangedLines, type ChangedLines } from "./changed-lines.js";
import { RunCache, runKey, type CacheOptions } from "./cache.js";
import { ProgramInputs, type Probe } from "../project/typescript/inputs.js";

export interface RunOptions {
  /** Files and directories to scan (default: the working directory). */
  paths?: readonly string[];
  cwd?: string;
  /** The transforms to run: the runner knows none of its own (the command line passes the registry). */
  transforms: readonly Transform[];
  /**
   * A module whose `transforms` export holds these transforms (the same objects, by id): worker
   * threads load their transforms from it. Without it every file is processed in this thread.
   */
  transformsModule?: string | URL;
  /** Every transform id an ignore comment may name (default: the ids of `transforms`). */
  knownTransforms?: readonly string[];
  /**
   * Project-aware judgement: files with findings that a tsconfig.json (or jsconfig.json) owns are
   * judged again with the project's TypeScript program (proofs, the type-check gate) before
   * anything is written. Off by default in the library; the command line decides (`--types`).
   */
  types?: boolean;
  /**
   * Most heap (MiB) one TypeScript program may add (default 1536, and never more than Node's heap
   * has left); past it, that tsconfig's files are judged file by file, with a warning. The command
   * line reads it from the environment variable LAZYMOD_TYPES_MEMORY_MB.
   */
  typesMemoryMb?: number;
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
  /**
   * Run the project's own formatter (its installed binary and configuration) on what `write`
   * writes. This executes code from the project, so it is never on by default.
   */
  formatChanged?: FormatChoice;
  settings?: TransformSettings;
  /** Most worker threads (default: available parallelism − 1); 1 processes files in this thread. */
  jobs?: number;
  /** Process only this share of the files (for a CI matrix). */
  shard?: Shard;
  /** Narrow the discovered files (configuration `ignore` globs, `--since`). */
  filters?: readonly FileFilter[];
  /**
   * Reuse each file's result from the cache file when nothing it depends on changed (`--cache`),
   * and save this run's results there; see CacheOptions.
   */
  cache?: CacheOptions;
  /**
   * Keep only the changes (and warnings) that touch these lines (`--changed-lines`); the others
   * are counted in `summary.outsideDiff`. Not with `write`, which would write them all the same.
   */
  changedLines?: ChangedLines;
  /** Called once per file as soon as it is done, in any order (for progress). */
  onProgress?: (report: FileReport, done: number, total: number) => void;
  /** Called once per file, in discovery order (sorted by path), as soon as it and all before it are done. */
  onFile?: (report: FileReport) => void;
  /**
   * Stops the run early: once it aborts, no file is started, and the file in progress (in this
   * thread and in each worker) is finished, written whole if it is written at all. The result then
   * has `interrupted`. (Whatever calls this owns the signal handlers: see the CLI.)
   */
  signal?: AbortSignal;
  /**
   * Files the caller will write once the run is done (a report, a plan): when one of them is a
   * file the run would scan (or a symbolic link to one), the run throws a UsageError before any
   * file is processed.
   */
  outputs?: readonly string[];
  /**
   * Warn about every ignore comment (or transform id in one) that suppressed nothing, in the
   * file's warnings (`--report-unused-ignores`).
   */
  reportUnusedIgnores?: boolean;
  /**
   * Only changes of these risk bands (`--band`): the others are neither applied nor written, and
   * are left out of the files' changes (counted as `summary.outsideBands`).
   */
  bands?: readonly Band[];
  /**
   * Which files are test code (the configuration's `tests` globs): their changes get the
   * `test-code` impact note, and sort last by impact.
   */
  isTestFile?: (file: string) => boolean;
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

export async function run(options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const transforms = options.transforms;
  const maxRisk = options.maxRisk ?? DEFAULT_MAX_RISK;
  const target = options.target;
  const explicit: ExplicitTarget | undefined = target
    ? { target, from: options.targetFrom ?? "--target" }
    : undefined;
  const write = options.write ?? false;
  const signal = options.signal;
  const changedLines = options.changedLines;
  if (changedLines && write)
    throw new UsageError(
      "changed lines narrow what is reported; they cannot be combined with write, which writes every change of a file",
    );
  const stopped = () => signal?.aborted === true;
  const yieldToEventLoop = eventLoopYielder();
  forgetProjectFormatting();
  const discovered = await discoverFiles(options.paths?.length ? options.paths : ["."], cwd);
  // Against every file under the paths, before `ignore`, `--since` or a shard narrow them: a
  // source file this particular run leaves out is still a source file.
  for (const output of options.outputs ?? []) {
    if (scannedFileAt(path.resolve(cwd, output), discovered.files))
      throw new UsageError(
        `${output} is one of the files being scanned: writing there would replace source code; choose another file`,
      );
  }
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
  if (changedLines) summary.outsideDiff = { changes: 0, files: 0, warnings: 0 };
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
      report.suppressed?.length ||
      report.warnings?.length
    )
      kept.push(report);
  }

  let done = 0;
  let filesWritten = 0;
  const finished = new Uint8Array(files.length);
  // Files that need no parsing are done while earlier ones still wait for a parser: progress and
  // the summary count them at once, the streamed report takes them in path order.
  const inPathOrder = inOrder(files.length, (report: FileReport) => options.onFile?.(report));
  const types = options.types === true;
  // In a project-aware run, files with findings wait for their program (see below), and so do
  // files a transform asked types about (a change only types can find).
  const waiting: Array<{ index: number; report: FileReport }> = [];
  const emit = (index: number, report: FileReport) => {
    cache?.remember(files[index]!, report);
    const asks = report.changes.length > 0 || (report.asksTypes && report.language?.tsconfig);
    if (types && asks && report.status !== "error") waiting.push({ index, report });
    else finish(index, report);
  };
  // What is kept of a file's result: a new report when it differs, since the one given may be
  // kept as it is elsewhere (by the cache).
  const finish = (index: number, whole: FileReport) => {
    let report = changedLines ? narrowToChangedLines(whole, changedLines) : whole;
    finished[index] = 1;
    if (options.bands) {
      const bands = options.bands;
      const changes = report.changes.filter((change) => bands.includes(change.risk.band));
      summary.outsideBands += report.changes.length - changes.length;
      report = { ...report, changes };
    }
    if (report.changes.length > 0 && options.isTestFile?.(report.absolutePath))
      report = { ...report, changes: withTestCode(report.changes) };
    if (report.written > 0) filesWritten++;
    keep(report);
    options.onProgress?.(report, ++done, files.length);
    if (options.onFile) inPathOrder(index, report);
  };
  const processOptions: ProcessOptions = {
    cwd,
    transforms,
    ...(explicit ? { target: explicit } : {}),
    maxRisk,
    ...(options.bands ? { bands: [...options.bands] } : {}),
    // A project-aware run writes in its second phase, once types have had their say.
    write: write && !types,
    settings: options.settings,
    // Ignore comments may name any registered transform, selected or not (and a caller's own).
    knownTransforms: [
      ...new Set([...(options.knownTransforms ?? []), ...transforms.map((t) => t.id)]),
    ],
    ...(options.formatChanged && write ? { formatChanged: options.formatChanged } : {}),
    languages: new LanguageResolver(cwd, explicit),
    ...(options.reportUnusedIgnores ? { reportUnusedIgnores: true } : {}),
  };
  function narrowToChangedLines(whole: FileReport, lines: ChangedLines): FileReport {
    const { report, outside } = withinChangedLines(whole, lines);
    const counts = summary.outsideDiff!;
    counts.changes += outside.changes;
    counts.warnings += outside.warnings;
    if (outside.changes > 0) counts.files++;
    return report;
  }
  const cache = options.cache
    ? await RunCache.open(
        options.cache,
        runKey({
          cwd,
          transforms: transforms.map((t) => t.id),
          knownTransforms: processOptions.knownTransforms ?? [],
          maxRisk,
          target: explicit,
          settings: options.settings,
          types,
          reportUnusedIgnores: options.reportUnusedIgnores === true,
          extra: options.cache.key,
        }),
        cwd,
        options.bands,
      )
    : undefined;
  if (cache) {
    processOptions.recordReads = true;
    cache.stats.files = files.length;
    for (const warning of cache.warnings) warnings.add(warning);
  }
  /** The file's result from the cache, when it has one that stands: emitted, and true. */
  const reused = async (index: number): Promise<boolean> => {
    const report = await cache?.lookup(files[index]!, processOptions);
    if (report) emit(index, report);
    return report !== undefined;
  };
  let jobs = 1;
  let next = 0;
  const transformsModule = options.transformsModule?.toString();
  if (transformsModule !== undefined && useWorkers(options.jobs)) {
    // Parsing is the cost, and a worker costs about as much to start (it loads the parser and
    // every transform) as parsing a couple of hundred files. So files are processed here, in
    // order, until that many needed parsing; past that, the rest are only screened here (read,
    // skip rules, prefilter), and the files that need parsing are shared out to as many workers
    // as there is parsing to pay for them.
    for (let parsed = 0; next < files.length && parsed < PARSES_PER_WORKER && !stopped(); next++) {
      if (await reused(next)) continue;
      const report = await processFile(files[next]!, processOptions);
      if (report.parsed) parsed++;
      emit(next, report);
      await yieldToEventLoop();
    }
    const toParse: number[] = [];
    for (; next < files.length && !stopped(); next++) {
      if (await reused(next)) continue;
      const screened = await screenFile(files[next]!, processOptions);
      if (screened) emit(next, screened);
      else toParse.push(next);
      await yieldToEventLoop();
    }
    jobs = Math.min(options.jobs ?? defaultJobs(), Math.floor(toParse.length / PARSES_PER_WORKER));
    if (jobs >= 2 && !stopped())
      await processInWorkers(files, toParse, processOptions, transformsModule, jobs, emit, signal);
    else {
      jobs = 1;
      for (const index of toParse) {
        if (stopped()) break;
        emit(index, await processFile(files[index]!, processOptions));
        await yieldToEventLoop();
      }
    }
  } else {
    for (; next < files.length && !stopped(); next++) {
      if (!(await reused(next))) emit(next, await processFile(files[next]!, processOptions));
      await yieldToEventLoop();
    }
  }

  const typesRun = types
    ? await judgeWithTypes(
        cwd,
        files,
        waiting,
        { ...processOptions, write },
        finish,
        stopped,
        options.typesMemoryMb,
        cache,
      )
    : undefined;
  if (typesRun) for (const warning of typesRun.warnings) warnings.add(warning);
  if (cache) {
    await cache.save();
    for (const warning of cache.warnings) warnings.add(warning);
  }

  let interrupted: Interruption | undefined;
  if (stopped() && done < files.length) {
    // Reports that finished before an earlier file that never will: the streamed report gets
    // them now, still in path order.
    inPathOrder.flush();
    const notProcessed = files.filter((_, i) => finished[i] === 0).map((f) => relativePath(cwd, f));
    interrupted = { filesProcessed: done, filesWritten, notProcessed };
  }

  kept.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const formatterHint = options.formatChanged ? undefined : installedFormatter(cwd, kept);
  return {
    tool: { name: "lazymod", version: toolVersion() },
    ...(typesRun ? { types: typesRun.stats } : {}),
    cwd,
    files: kept,
    summary,
    elapsedMs: performance.now() - started,
    maxRisk,
    write,
    ...(target ? { target } : {}),
    warnings: [...warnings],
    transforms: transforms.map((t) => t.id),
    transformInfo: transforms.map(transformInfo),
    jobs,
    ...(shard ? { shard } : {}),
    ...(interrupted ? { interrupted } : {}),
    ...(formatterHint ? { formatterHint } : {}),
    ...(cache ? { cache: cache.stats } : {}),
  };
}

/**
 * A project-aware run's second phase: the files with findings whose judgement types could change
 * (see FileReport.typesMatter), grouped by the tsconfig that owns them, each group's program
 * built with those files as its roots, then each file processed again
 * with its types (and written, with `write`). A file no program holds gets no types: its first
 * pass stands, unless it is to be written (that pass wrote nothing); so is a file TypeScript
 * failed on judged again file by file, with a warning. With a cache, a group whose program would
 * be the same as when its results were saved (see RunCache.program) is not built: its files'
 * results are reused; the programs built are recorded as they are built.
 */
async function judgeWithTypes(
  cwd: string,
  files: readonly string[],
  waiting: ReadonlyArray<{ index: number; report: FileReport }>,
  options: ProcessOptions,
  emit: (index: number, report: FileReport) => void,
  stopped: () => boolean,
  memoryBudgetMb: number | undefined,
  cache: RunCache | undefined,
): Promise<{ stats: TypesRun; warnings: string[] }> {
  const project = new ProjectTypes(cwd, memoryBudgetMb !== undefined ? { memoryBudgetMb } : {});
  const warnings: string[] = [];
  const groups = new Map<string, string[]>();
  const firstPass = new Map<string, FileReport>();
  const needless = new Set<string>();
  for (const { index, report } of waiting) {
    firstPass.set(files[index]!, report);
    const tsconfig = report.language?.tsconfig;
    // A tsconfig that could not be read has had its warning: its files stay file-local.
    if (!tsconfig || report.languageWarning) continue;
    // Changes no type can judge otherwise (JavaScript the compiler does not check, whose
    // judgement asked nothing of types) need no program: it would cost its imports' parse and
    // bind for nothing.
    if (!report.asksTypes && !report.typesMatter) {
      needless.add(files[index]!);
      continue;
    }
    const owner = path.resolve(cwd, tsconfig);
    groups.set(owner, [...(groups.get(owner) ?? []), files[index]!]);
  }
  const stats: TypesRun = { ...project.stats, fileLocal: 0, notNeeded: 0 };
  const judgedFileByFile = (file: string) => {
    if (needless.has(file)) stats.notNeeded!++;
    else stats.fileLocal!++;
  };
  const texts = new Map<string, Probe>();
  const typesOf = (file: string, text: string) => project.typesOf(file, text);
  const yieldToEventLoop = eventLoopYielder();
  /**
   * Judges one file with its program's types, if a program holds it; what it emitted, and
   * whether it had types.
   */
  const judge = async (
    index: number,
  ): Promise<{ report: FileReport; failed: boolean; typed: boolean }> => {
    const file = files[index]!;
    const first = firstPass.get(file)!;
    if (!options.write && !project.holds(file)) {
      judgedFileByFile(file);
      emit(index, first);
      await yieldToEventLoop();
      return { report: first, failed: false, typed: false };
    }
    let typed = false;
    let report = await processFile(file, {
      ...options,
      typesOf: (name, text) => {
        const types = typesOf(name, text);
        typed = types !== undefined;
        return types;
      },
    });
    const failure = project.failureOf(file);
    if (failure !== undefined) {
      warnings.push(
        `${relativePath(cwd, file)}: TypeScript failed on it (${failure}); it is judged file by file`,
      );
      report = await processFile(file, options);
      typed = false;
    }
    if (!typed) judgedFileByFile(file);
    emit(index, report);
    await yieldToEventLoop();
    return { report, failed: failure !== undefined, typed };
  };
  const indexOf = new Map(waiting.map(({ index }) => [files[index]!, index]));
  const grouped = new Set([...groups.values()].flat());
  const buildWarnings: string[] = [];
  // Files no program is for first, then one program at a time: built, its files judged, let go.
  for (const { index } of [...waiting].sort((a, b) => a.index - b.index)) {
    if (stopped()) break;
    if (!grouped.has(files[index]!)) await judge(index);
  }
  for (const [tsconfig, roots] of groups) {
    if (stopped()) break;
    const saved = cache?.program(tsconfig, roots, firstPass, options);
    if (saved) {
      // The files it held have their results; the others (no program was built, or it does
      // not take JavaScript) are judged as they were, file by file.
      for (const file of roots) {
        const report = saved.reports.get(file);
        if (report) emit(indexOf.get(file)!, report);
        else await judge(indexOf.get(file)!);
      }
      addTypeStats(stats, saved.stats);
      buildWarnings.push(...saved.warnings);
      continue;
    }
    const inputs = cache ? new ProgramInputs(texts) : undefined;
    const before = { ...project.stats };
    const warned = project.warnings.length;
    project.build(tsconfig, roots, inputs);
    const groupWarnings = project.warnings.slice(warned);
    buildWarnings.push(...groupWarnings);
    const judged = new Map<string, FileReport>();
    /** Files it held that had no types all the same (their text changed since it was read). */
    let heldUntyped = 0;
    let complete = true;
    for (const file of roots) {
      if (stopped()) {
        complete = false;
        break;
      }
      const { report, failed, typed } = await judge(indexOf.get(file)!);
      if (failed) complete = false;
      if (project.holds(file)) {
        judged.set(file, report);
        if (!typed) heldUntyped++;
      }
    }
    project.release(tsconfig);
    const added = {
      programs: project.stats.programs - before.programs,
      files: project.stats.files - before.files,
      programFiles: project.stats.programFiles - before.programFiles,
      sharedFiles: (project.stats.sharedFiles ?? 0) - (before.sharedFiles ?? 0),
      ...(project.stats.compiler ? { compiler: project.stats.compiler } : {}),
    };
    addTypeStats(stats, added);
    stats.milliseconds += project.stats.milliseconds - before.milliseconds;
    if (cache && inputs && complete)
      cache.rememberProgram(
        tsconfig,
        roots,
        inputs.recorded(),
        { ...added, fileLocal: heldUntyped },
        groupWarnings,
        judged,
      );
  }
  return { stats, warnings: [...buildWarnings, ...warnings] };
}

/** Adds what one program did to a run's TypeScript statistics. */
function addTypeStats(stats: TypesRun, added: Omit<TypesRun, "milliseconds">): void {
  stats.programs += added.programs;
  stats.files += added.files;
  stats.programFiles += added.programFiles;
  stats.sharedFiles = (stats.sharedFiles ?? 0) + (added.sharedFiles ?? 0);
  stats.fileLocal = (stats.fileLocal ?? 0) + (added.fileLocal ?? 0);
  if (added.compiler) stats.compiler ??= added.compiler;
}

/** The first installed formatter configured for a file with changes to write. */
function installedFormatter(cwd: string, files: readonly FileReport[]): RunResult["formatterHint"] {
  for (const file of files) {
    if (!file.changes.some((c) => c.status === "apply")) continue;
    const setup = projectFormattingFor(file.absolutePath).formatters.find((f) => f.binary);
    if (setup) return { label: setup.label, configFile: relativePath(cwd, setup.configFile) };
  }
  return undefined;
}

/** The built worker module; when running from TypeScript sources (tests), there is none. */
const workerFile = fileURLToPath(new URL("./worker.js", import.meta.url));
const canUseWorkers = workerFile.endsWith(".js") && import.meta.url.endsWith(".js");

/**
 * One worker per available core but one: the main thread works too (it screens every file and
 * parses the first 200 that need it). On a 2-core machine that means no workers, which measured
 * faster there: two threads parsing at once ran each nearly twice as slow.
 */
function defaultJobs(): number {
  return Math.max(1, availableParallelism() - 1);
}

function useWorkers(requested: number | undefined): boolean {
  return canUseWorkers && (requested ?? defaultJobs()) > 1;
}

async function processInWorkers(
  files: readonly string[],
  indexes: readonly number[],
  options: ProcessOptions,
  transformsModule: string,
  jobs: number,
  emit: (index: number, report: FileReport) => void,
  signal: AbortSignal | undefined,
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
  const taskOptions = { ...rest, transformsModule, transformIds: transforms.map((t) => t.id) };
  // Shared with the workers, which look at it before each file: a stopped run ends within the
  // file each worker is on, not at the end of its batch.
  const stop = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const onAbort = () => Atomics.store(stop, 0, 1);
  signal?.addEventListener("abort", onAbort, { once: true });
  let first = 0;
  /** Hands out the batches one after another, until there are none left or the run stops. */
  const dispatch = async () => {
    while (first < indexes.length && signal?.aborted !== true) {
      const batch = indexes.slice(first, (first += batchSize));
      const task: BatchTask = {
        files: batch.map((i) => files[i]!),
        options: taskOptions,
        stop,
        writeGuard: writeGuard(),
      };
      try {
        // Fewer reports than files: the run stopped, and the rest were not started.
        const reports = await pool.run(task);
        reports.forEach((report, i) => emit(batch[i]!, report));
      } catch (error) {
        // A crashed worker fails its batch's files, not the run.
        batch.forEach((index) => emit(index, crashedReport(options.cwd, files[index]!, error)));
      }
    }
  };
  try {
    // Two batches per worker at a time, one running and one waiting, keep every worker busy and
    // leave nothing queued in the pool when the run stops.
    await Promise.all(Array.from({ length: jobs * 2 }, dispatch));
  } finally {
    signal?.removeEventListener("abort", onAbort);
    await pool.destroy();
  }
}

/**
 * Calls `deliver` in index order, holding back reports that finish before their predecessors;
 * `flush` delivers those held back, in order, when the missing ones will never come.
 */
function inOrder<T>(
  total: number,
  deliver: (item: T) => void,
): ((index: number, item: T) => void) & { flush: () => void } {
  const waiting = new Map<number, T>();
  let next = 0;
  const add = (index: number, item: T) => {
    waiting.set(index, item);
    while (next < total && waiting.has(next)) {
      const ready = waiting.get(next)!;
      waiting.delete(next);
      next++;
      deliver(ready);
    }
  };
  const flush = () => {
    for (const index of [...waiting.keys()].sort((a, b) => a - b)) deliver(waiting.get(index)!);
    waiting.clear();
  };
  return Object.assign(add, { flush });
}

function crashedReport(cwd: string, file: string, error: unknown): FileReport {
  return {
    ...blankReport(cwd, file),
    status: "error",
    errorKind: "internal",
    reason: `worker failed: ${error instanceof Error ? error.message : String(error)}`,
  };
}

function skippedReport(cwd: string, skipped: SkippedPath): FileReport {
  return { ...blankReport(cwd, skipped.path), status: "skipped", reason: skipped.reason };
}
