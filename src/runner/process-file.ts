import type { ErrorKind, FileLanguage, FileReport } from "../core/result.js";
import type { FileTypes } from "../core/type-facts.js";
import { lstatSync, readFileSync } from "node:fs";
import path from "node:path";
import type { TransformSettings } from "../core/context.js";
import type { Band } from "../core/types.js";
import type { Transform } from "../core/define.js";
import { transformSource, type InternalError } from "../core/engine.js";
import { canParseWithMode, parserForPath, SourceParseError } from "../core/parse.js";
import { fileErrorCode, fileErrorReason } from "../core/errors.js";
import { transformsTriggeredBy } from "../core/prefilter.js";
import { withoutBom } from "../core/text.js";
import { formatChangedText, type FormatChoice } from "./format-changed.js";
import { projectFormattingFor } from "../project/formatter-config.js";
import { LanguageResolver, type ExplicitTarget } from "../project/language.js";
import { sha256, writeFileAtomic } from "./write.js";
import { stampOf } from "./file-stamp.js";

const MAX_FILE_BYTES = 1024 * 1024;

/** Minified code: lines this long on average (over a file of at least a few KiB). */
const MINIFIED_AVERAGE_LINE = 400;
const MINIFIED_MIN_BYTES = 4096;

export interface ProcessOptions {
  cwd: string;
  transforms: readonly Transform[];
  /** A target from the command line or the configuration; without one, each file's tsconfig says. */
  target?: ExplicitTarget;
  maxRisk: number;
  /** Apply only changes of these risk bands (see the engine's `bands`). */
  bands?: readonly Band[];
  write: boolean;
  settings?: TransformSettings;
  /** Every transform id an ignore comment may name (default: the ids of `transforms`). */
  knownTransforms?: readonly string[];
  /** Run the project's formatter on the text `write` writes (it executes the project's code). */
  formatChanged?: FormatChoice;
  /** Reads tsconfig files, caching them for the run (one per thread; made here when absent). */
  languages?: LanguageResolver;
  /** The project's types for a file with the text read (a project-aware run's second phase). */
  typesOf?: (file: string, text: string) => FileTypes | undefined;
  /** Warn about ignore comments that suppressed nothing (a file with one is parsed even without a trigger). */
  reportUnusedIgnores?: boolean;
  /** Record what each file's result was made from (`report.readAs`), for the cache. */
  recordReads?: boolean;
}

/** An ignore comment may be in the text: the prefilter's test for `reportUnusedIgnores`. */
const DIRECTIVE_TEXT = /lazymod-(?:ignore-next-line|ignore-line|disable)/;

// `ignoreBOM` keeps a byte-order mark in the text (the default would drop it silently).
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export function relativePath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return (relative === "" ? path.basename(file) : relative).split(path.sep).join("/");
}

/**
 * The file's language with its program's view where it differs from the tsconfig as read: the
 * strictness always (the type-check gate checks with it), the library unless a target was given
 * (an explicit target says what the code may call, whatever the library declares).
 */
function withProgramLanguage(
  language: FileLanguage,
  types: FileTypes | undefined,
  explicitTarget: boolean,
): FileLanguage {
  const program = types?.language;
  if (!program) return language;
  const { strictNullChecks, noUncheckedIndexedAccess, checkJs } = program;
  return {
    ...language,
    strictNullChecks,
    noUncheckedIndexedAccess,
    checkJs,
    ...(explicitTarget ? {} : { lib: program.lib }),
  };
}

/** Skip rules that need only the name. */
function skipReasonForName(file: string): string | undefined {
  const base = path.basename(file).toLowerCase();
  if (base.endsWith(".min.js") || base.endsWith(".min.mjs") || base.endsWith(".min.cjs"))
    return "minified (*.min.js)";
  if (/\.d\.[cm]?ts$/.test(base)) return "declaration file (*.d.ts)";
  return undefined;
}

/** Bundler output without a `.min.js` name: a few very long lines. */
function looksMinified(text: string): boolean {
  if (text.length < MINIFIED_MIN_BYTES) return false;
  let lines = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
  return text.length / lines > MINIFIED_AVERAGE_LINE;
}

/** The report of a file nothing has happened to yet. */
export function blankReport(cwd: string, file: string): FileReport {
  return {
    path: relativePath(cwd, file),
    absolutePath: file,
    status: "unchanged",
    changes: [],
    written: 0,
    parsed: false,
    internalErrors: [],
    bytes: 0,
  };
}

/**
 * Reads and screens one file without parsing it: its final report when that is already known
 * (skipped, unreadable, or no trigger of any selected transform), else undefined (it needs parsing).
 */
export async function screenFile(
  file: string,
  options: ProcessOptions,
): Promise<FileReport | undefined> {
  return processFile(file, options, true);
}

/** Processes one file; never throws: every failure becomes the file's status and reason. */
export async function processFile(file: string, options: ProcessOptions): Promise<FileReport>;
export async function processFile(
  file: string,
  options: ProcessOptions,
  screenOnly: true,
): Promise<FileReport | undefined>;
export async function processFile(
  file: string,
  options: ProcessOptions,
  screenOnly = false,
): Promise<FileReport | undefined> {
  const report = blankReport(options.cwd, file);
  const skip = (reason: string) => Object.assign(report, { status: "skipped" as const, reason });
  const fail = (reason: string, errorKind: ErrorKind) =>
    Object.assign(report, { status: "error" as const, reason, errorKind });
  try {
    const byName = skipReasonForName(file);
    if (byName) return skip(byName);
    // Synchronous reads: files are small, and this runs in worker threads where blocking is
    // cheaper than a round trip through the thread pool for every file. lstat: a link is never
    // followed (writing would replace the link with a plain file), and a FIFO or device is never
    // opened (reading one could block forever).
    const statAt = Date.now();
    const info = lstatSync(file, { bigint: true });
    if (info.isSymbolicLink()) return skip("symbolic link (not followed)");
    if (!info.isFile()) return skip("not a regular file");
    report.bytes = Number(info.size);
    if (report.bytes > MAX_FILE_BYTES) return skip("larger than 1 MiB");
    const bytes = readFileSync(file);
    if (options.recordReads)
      report.readAs = { sha256: sha256(bytes), stamp: stampOf(info, statAt) };
    report.bytes = bytes.length;
    if (bytes.length > MAX_FILE_BYTES) return skip("larger than 1 MiB"); // grew since the stat
    if (bytes.includes(0)) return skip("contains a NUL byte (binary)");
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      return fail("not valid UTF-8", "parse");
    }
    if (looksMinified(text))
      return skip(`minified (lines average over ${MINIFIED_AVERAGE_LINE} characters)`);
    const triggered = transformsTriggeredBy(text, options.transforms, options.settings);
    // A file no transform can match has nothing to suppress: its ignore comments are all unused.
    const judgeIgnores = options.reportUnusedIgnores === true && DIRECTIVE_TEXT.test(text);
    if (triggered.length === 0 && !judgeIgnores) return report;
    if (screenOnly) return undefined;
    report.sha256 = report.readAs?.sha256 ?? sha256(bytes);
    report.parsed = true;
    const parser = parserForPath(file);
    const languages = options.languages ?? new LanguageResolver(options.cwd, options.target);
    const read = await languages.languageOf(file);
    const types = options.typesOf?.(file, withoutBom(text));
    const language = withProgramLanguage(read.language, types, options.target !== undefined);
    report.language = language;
    if (read.warning) report.languageWarning = read.warning;
    const result = transformSource(text, {
      path: report.path,
      transforms: triggered,
      language,
      maxRisk: options.maxRisk,
      ...(options.bands ? { bands: options.bands } : {}),
      parser,
      settings: options.settings,
      knownTransforms: options.knownTransforms ?? options.transforms.map((t) => t.id),
      // Formatter configuration is read as data (never run) to spell new text the project's way.
      styleHints: () => {
        const { hints } = projectFormattingFor(file);
        if (report.readAs) report.readAs.hints = hints;
        return hints;
      },
      types,
      ...(judgeIgnores ? { unusedIgnores: judgement(options) } : {}),
    });
    report.changes = result.changes;
    if (result.typeChecked) report.typeChecked = true;
    if (result.asksTypes) report.asksTypes = true;
    if (result.typesMatter && !types) report.typesMatter = true;
    if (result.suppressed.length > 0) report.suppressed = result.suppressed;
    if (result.warnings.length > 0) report.warnings = result.warnings;
    if (result.changes.some((c) => c.status === "apply")) report.source = text;
    report.internalErrors = dedupe(result.internalErrors);
    if (result.changed) report.status = "changed";
    if (report.internalErrors.length > 0)
      fail(report.internalErrors.map((e) => e.message).join("; "), "internal");
    if (options.write && result.changed) {
      // The engine verifies every pass; this is the last gate before the disk, whatever it did
      // (in the mode the file was read in: a script is checked as a script).
      if (!canParseWithMode(withoutBom(result.output), result.mode))
        return fail("internal error: the rewritten file does not parse; not written", "internal");
      let written = result.output;
      if (options.formatChanged) {
        const formatted = await formatChangedText({
          file,
          original: text,
          changed: result.output,
          mode: result.mode,
          choice: options.formatChanged,
        });
        written = formatted.text;
        report.formatting = formatted.outcome;
      }
      try {
        await writeFileAtomic(file, written, report.sha256);
      } catch (error) {
        const removed = (error as { code?: string }).code === "ENOENT";
        return fail(
          `not written: ${removed ? "the file was removed since it was read" : describeError(error)}`,
          "io",
        );
      }
      report.written = result.changes.filter((c) => c.status === "apply").length;
    }
    return report;
  } catch (error) {
    if (error instanceof SourceParseError) {
      if (error.failure.tooDeeplyNested) return skip("too deeply nested to parse");
      return fail(`syntax error: ${error.message}`, "parse");
    }
    if (fileErrorCode(error) !== undefined) return fail(describeError(error), "io");
    // A bug in lazymod, not in the file: keep the stack for --verbose.
    report.internalErrors.push({
      transform: "lazymod",
      message: describeError(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
    return fail(describeError(error), "internal");
  }
}

/** The transforms an unused ignore comment is judged by: the selected ones, all of them or not. */
function judgement(options: ProcessOptions): { transforms: string[]; all: boolean } {
  const selected = options.transforms.map((t) => t.id);
  const known = options.knownTransforms ?? selected;
  return { transforms: selected, all: known.every((id) => selected.includes(id)) };
}

function describeError(error: unknown): string {
  return fileErrorReason(error, { ENOENT: "file disappeared before it could be read" });
}

function dedupe(errors: readonly InternalError[]): InternalError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.message) && !!seen.add(e.message));
}
