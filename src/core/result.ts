/**
 * What a run produces, as plain data: each file's report, the summary, and what the run was. The
 * runner fills it, reporters and the plan read it; neither needs the other.
 */
import type { InternalError } from "./engine.js";
import { describeLanguage, type LanguageSettings } from "./language.js";
import type { SuppressedMatch } from "./suppress.js";
import type { Transform, TransformCategory } from "./define.js";
import type { RiskFactorDefinitions } from "./risk.js";
import type { StyleHints } from "./style.js";
import type { Band, Change, FileWarning, Target } from "./types.js";

/**
 * What a report needs to know of a transform that ran: its metadata, not its code, so reporters
 * (SARIF's rules, say) describe it without reading the registry.
 */
export interface TransformInfo {
  id: string;
  title: string;
  category: TransformCategory;
  rewrites: readonly string[];
  refuses: readonly string[];
  /** The factors it may raise, with their weights and reasons. */
  riskFactors: RiskFactorDefinitions;
}

export function transformInfo(transform: Transform): TransformInfo {
  const { id, title, category, rewrites, refuses, riskFactors } = transform;
  return { id, title, category, rewrites, refuses, riskFactors };
}

/** A share of the files, for one machine of a CI matrix (`--shard k/n`). */
export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** The formatters `--format-changed` can run. */
export type FormatterName = "prettier" | "biome" | "oxfmt";

/** What became of running the project's formatter on one written file. */
export interface FormatOutcome {
  formatter?: FormatterName;
  /** Whether the formatter's text was written (else lazymod's own). */
  applied: boolean;
  /** Why it was not applied. */
  reason?: string;
}

/** A file's language settings, and where they came from (shown per file in the reports). */
export interface FileLanguage extends LanguageSettings {
  /** `--target`, the configuration file's label, a tsconfig/jsconfig path, or `default`. */
  from: string;
  /** The tsconfig.json or jsconfig.json read for this file (its strictness applies even under `--target`). */
  tsconfig?: string;
}

export type FileStatus = "changed" | "unchanged" | "skipped" | "error";

/**
 * Why a file has status `error`: `parse`, lazymod could not parse it (a syntax error, syntax it
 * does not read, text that is not UTF-8); `io`, it could not read or write it; `internal`, lazymod
 * itself failed on it (a transform threw, a rewrite did not verify). Only `parse` leaves the exit
 * code alone (unless --fail-on-parse-error).
 */
export type ErrorKind = "parse" | "io" | "internal";

export interface FileReport {
  /** Relative to the working directory, with `/` separators. */
  path: string;
  absolutePath: string;
  status: FileStatus;
  /** Why the file was skipped or failed. */
  reason?: string;
  /** With status `error`: what kind of failure. */
  errorKind?: ErrorKind;
  /** Of the original bytes, when the file was read. */
  sha256?: string;
  changes: Change[];
  /** Changes written to disk (only with `write`). */
  written: number;
  /** Whether the file was parsed (false when the prefilter ruled it out). */
  parsed: boolean;
  internalErrors: InternalError[];
  bytes: number;
  /** Matches that ignore comments suppressed. */
  suppressed?: SuppressedMatch[];
  /** What the user should fix that fails neither the file nor the run (an unknown id in an ignore comment). */
  warnings?: FileWarning[];
  /** With `--format-changed`: whether the project's formatter was applied to the written text. */
  formatting?: FormatOutcome;
  /** The language level and type-checking settings the file was rewritten with (parsed files). */
  language?: FileLanguage;
  /** Why the file's tsconfig could not be used (the run reports each such tsconfig once). */
  languageWarning?: string;
  /** The type-check gate checked the rewritten file against the project's types. */
  typeChecked?: boolean;
  /** A transform asked for the project's types (a project-aware run builds a program for it). */
  asksTypes?: boolean;
  /**
   * Judged file by file: the project's types could judge its changes otherwise (a transform
   * looked for them, or the compiler may check the file). A project-aware run builds programs
   * only for files with changes where this is so (and files that asked for types).
   */
  typesMatter?: boolean;
  /**
   * The text as read (with any BOM), kept only for files with changes at or below the threshold,
   * so a reporter can build a patch without reading the file again.
   */
  source?: string;
  /** What was read and asked for, for the cache (a run with `cache` only; in no report). */
  readAs?: ReadRecord;
}

/** What a file's result was made from, besides the run's options: see `RunOptions.cache`. */
interface ReadRecord {
  /** Of the bytes read. */
  sha256: string;
  stamp: FileStamp;
  /** The formatting configuration's hints, when a rewrite asked for them. */
  hints?: StyleHints;
}

/**
 * What the file system said of a file when it was read (its `lstat`, taken just before the
 * read), to tell on a later run, without reading it, that it is still the file that was read,
 * as git does with its index. The content's hash stays the truth; the stamp only spares a read.
 */
export interface FileStamp {
  size: number;
  /** Nanoseconds, as decimal strings (JSON has no 64-bit integers). */
  mtimeNs: string;
  ctimeNs: string;
  ino: string;
  /**
   * Whether the stamp may stand for the content: the file had not been modified (nor its inode
   * changed) for longer than any file system's timestamp granularity when it was read. A file
   * modified later gets a later time; one modified just before (or while) it was read could be
   * modified again within the same tick, unseen by its stamp, so its content is hashed next time.
   */
  trusted: boolean;
}

/** What an aborted run did and did not do. */
export interface Interruption {
  /** Files finished (processed, skipped or failed) before the run stopped. */
  filesProcessed: number;
  /** Files rewritten on disk, each one whole. */
  filesWritten: number;
  /** Files never started, so left as they were: relative paths, sorted. */
  notProcessed: string[];
}

export interface Summary {
  filesScanned: number;
  /** Files with at least one finding: a change of any status (apply, held or report). */
  filesWithFindings: number;
  /**
   * Files with at least one change at or below --max-risk (status `apply`): the files `--write`
   * changes, or would change in a dry run. (The name is kept from the first version of the JSON
   * report; `filesWritten` says how many were actually written.)
   */
  filesChanged: number;
  /** Files written to disk (only with --write; a file whose write failed is not counted). */
  filesWritten: number;
  filesSkipped: number;
  /** Files lazymod could not read or write, or failed on itself (not the ones it could not parse). */
  filesFailed: number;
  /** Files lazymod could not parse (syntax it does not read, not UTF-8): reported, not failures. */
  filesUnparsed: number;
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
  /** With `formatChanged`: written files the project's formatter was applied to, and not. */
  formatted: number;
  notFormatted: number;
  /** Matches that ignore comments suppressed. */
  suppressed: number;
  /** Warnings in files (an ignore comment naming an unknown transform, a configured receiver that names the object a call is made on); they fail nothing. */
  warnings: number;
  skippedByReason: Record<string, number>;
  /** Parsed files per language level and its source: `"es2020 from tsconfig.json": 12`. */
  byLanguage: Record<string, number>;
  /** With types: changes in files the type-check gate checked, and of those, the ones it held back. */
  typeChecked: number;
  typeErrors: number;
  /** Changes carrying each proof the project's types gave (`receiver-is-array`: 12). */
  byProof: Record<string, number>;
  /** With `bands` (`--band`): changes of the other bands, left out of the files' changes and every count above. */
  outsideBands: number;
  /**
   * With `changedLines` (`--since <ref> --changed-lines`): what was left out because it touches
   * no line added or modified since the merge base. Every other count is of what is left.
   */
  outsideDiff?: OutsideDiff;
}

/** Changes and warnings on lines a branch did not change, and the files that have them. */
export interface OutsideDiff {
  changes: number;
  /** Files with at least one change outside the diff. */
  files: number;
  warnings: number;
}

/** What a project-aware run's TypeScript programs did (absent in a file-local run). */
export interface TypesRun {
  programs: number;
  /** Files given types: the programs' roots. */
  files: number;
  /** Source files the programs held, imports and standard library included. */
  programFiles: number;
  /**
   * Of those, files a program took already parsed from an earlier program of the run (the
   * standard library, packages' declarations) instead of parsing them again.
   */
  sharedFiles?: number;
  /**
   * Files with findings judged without types: no tsconfig.json or jsconfig.json owns them, theirs
   * could not be used (a warning says why), or TypeScript failed on them (likewise).
   */
  fileLocal?: number;
  /**
   * Files with findings that needed no program: JavaScript the compiler does not check, whose
   * judgement asked nothing types answer (a run with types finds the same in them).
   */
  notNeeded?: number;
  milliseconds: number;
  /** `TypeScript 5.9.3 (the project's)`. */
  compiler?: string;
}

/**
 * Where a run was made, as far as it tells one tree from another: in a git work tree, the
 * directory of it and the commit checked out (so two clones of one commit agree, and a report of
 * another project or another commit does not); elsewhere, the absolute directory.
 */
export type RunRoot =
  { kind: "git"; directory: string; commit?: string } | { kind: "directory"; path: string };

/** The options that decide what a run finds. */
export interface RunRecordOptions {
  maxRisk: number;
  /** `--target` (or the configuration's); absent: each file's tsconfig decides. */
  target?: Target;
  write: boolean;
  /** The transforms asked for (`--transforms` or the configuration); absent: all. */
  transforms?: string[];
  since?: string;
  /** `--band`: only changes of these bands. */
  bands?: Band[];
  /** `--exclude-tests` (or the configuration's `excludeTests`): test files were not scanned. */
  excludeTests?: boolean;
  /** `--changed-lines`: only changes on lines changed since `since` were kept. */
  changedLines?: boolean;
  /** The configuration used: its label, and a digest of its (canonical) content. */
  config?: { file: string; digest: string };
}

/** What a run was, recorded in its JSON report, so reports of shards can be checked before merging. */
export interface RunRecord {
  tool: { name: "lazymod"; version: string };
  root: RunRoot;
  /** The paths given (default `.`). */
  paths: string[];
  /** This run's share of the files (`--shard k/n`); absent for a whole run. */
  shard?: Shard;
  options: RunRecordOptions;
  /** The transforms that ran. */
  transforms: string[];
}

export interface RunResult {
  /** The tool that made it (SARIF's driver, the plan's `tool`). */
  tool: { name: "lazymod"; version: string };
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
  /** The metadata of the transforms that ran, in the same order. */
  transformInfo: TransformInfo[];
  /** A project-aware run (`--types`): what its TypeScript programs did. */
  types?: TypesRun;
  /** Worker threads used (1: in this thread). */
  jobs: number;
  /** The share of the files processed (`--shard`), when not all. */
  shard?: Shard;
  /** What the run was (tool, root, paths, shard, options), when the caller recorded it. */
  record?: RunRecord;
  /**
   * Set when `signal` stopped the run before it got to every file: what it did and left undone.
   * The counts and files are then those of the files it got to.
   */
  interrupted?: Interruption;
  /** With `cache`: what it reused, and where it is (the text summary says; no other report). */
  cache?: {
    location: string;
    state: string;
    files: number;
    filesReused: number;
    programsReused: number;
    programsBuilt: number;
    notSaved?: string;
  };
  /**
   * A formatter the project configures and has installed, when `formatChanged` was not asked
   * for and there are changes to write: the summary suggests `--format-changed`.
   */
  formatterHint?: { label: string; configFile: string };
}

export function emptySummary(): Summary {
  return {
    filesScanned: 0,
    filesWithFindings: 0,
    filesChanged: 0,
    filesWritten: 0,
    filesSkipped: 0,
    filesFailed: 0,
    filesUnparsed: 0,
    filesParsed: 0,
    filesPrefiltered: 0,
    changes: 0,
    byBand: { low: 0, medium: 0, high: 0 },
    byTransform: {},
    applicable: 0,
    heldBack: 0,
    reportOnly: 0,
    written: 0,
    formatted: 0,
    notFormatted: 0,
    suppressed: 0,
    warnings: 0,
    skippedByReason: {},
    byLanguage: {},
    typeChecked: 0,
    typeErrors: 0,
    byProof: {},
    outsideBands: 0,
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
  if (file.status === "error") {
    if (file.errorKind === "parse") summary.filesUnparsed++;
    else summary.filesFailed++;
  }
  if (file.changes.length > 0) summary.filesWithFindings++;
  if (file.changes.some((c) => c.status === "apply")) summary.filesChanged++;
  if (file.written > 0) summary.filesWritten++;
  summary.written += file.written;
  if (file.formatting?.applied) summary.formatted++;
  else if (file.formatting) summary.notFormatted++;
  if (file.language) {
    const key = languageKey(file.language);
    summary.byLanguage[key] = (summary.byLanguage[key] ?? 0) + 1;
  }
  summary.suppressed += file.suppressed?.length ?? 0;
  summary.warnings += file.warnings?.length ?? 0;
  for (const change of file.changes) {
    const typeError = change.risk.factors.some((f) => f.id === "adds-type-error");
    if (file.typeChecked && (change.status === "apply" || typeError)) summary.typeChecked++;
    if (typeError) summary.typeErrors++;
    for (const proof of change.risk.proofs ?? [])
      summary.byProof[proof.id] = (summary.byProof[proof.id] ?? 0) + 1;
    summary.changes++;
    summary.byBand[change.risk.band]++;
    summary.byTransform[change.transform] = (summary.byTransform[change.transform] ?? 0) + 1;
    if (change.status === "apply") summary.applicable++;
    else if (change.status === "held") summary.heldBack++;
    else summary.reportOnly++;
  }
}

/** `es2020 from tsconfig.json`, `es2022 from default`, `es2023 from --target`. */
function languageKey(language: FileLanguage): string {
  return `${describeLanguage(language)} from ${language.from}`;
}

export function summarize(files: readonly FileReport[]): Summary {
  const summary = emptySummary();
  for (const file of files) addToSummary(summary, file);
  return summary;
}
