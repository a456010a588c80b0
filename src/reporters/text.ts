import { plural } from "../core/text.js";
import pc from "picocolors";
import { singleLine } from "../core/quote.js";
import type { Change } from "../core/types.js";
import type { FileReport } from "../core/result.js";
import type { Interruption, OutsideDiff, RunResult } from "../core/result.js";
import { changesInOrder, type SortOrder } from "./order.js";

export interface TextReportOptions {
  color?: boolean;
  /** Show internal errors' stacks, and list every skipped file with its reason. */
  verbose?: boolean;
  /**
   * The order of the changes (`--sort`): by path, each file's changes then its warnings and
   * errors (the default); otherwise every change in that order, then each file's warnings and
   * errors by path. With `impact`, each change also shows its impact notes.
   */
  sort?: SortOrder;
}

type Colors = ReturnType<typeof pc.createColors>;

/** The human report: each file's changes (risk and hunk) and errors, then the summary. */
export function textReport(result: RunResult, options: TextReportOptions = {}): string {
  const sort = options.sort ?? "path";
  if (sort === "path")
    return (
      result.files.map((file) => textFileReport(file, result.maxRisk, options)).join("") +
      textSummary(result, options)
    );
  const c = pc.createColors(options.color ?? false);
  const changes = changesInOrder(result.files, sort).map(
    ({ file, change }) =>
      `${formatChange(c, printablePath(file.path), change, result.maxRisk, sort === "impact")}\n\n`,
  );
  const notes = result.files.map((file) =>
    textFileReport({ ...file, changes: [] }, result.maxRisk, options),
  );
  return changes.join("") + notes.join("") + textSummary(result, options);
}

/** One file's part of the report (empty when it has nothing to report), so it can be streamed. */
export function textFileReport(
  file: FileReport,
  maxRisk: number,
  options: TextReportOptions = {},
): string {
  const c = pc.createColors(options.color ?? false);
  const out: string[] = [];
  const path = printablePath(file.path);
  for (const change of file.changes) out.push(formatChange(c, path, change, maxRisk), "");
  for (const warning of file.warnings ?? [])
    out.push(
      `${c.yellow("warning")} ${path}:${warning.line}:${warning.column}: ${singleLine(warning.message)}`,
      "",
    );
  if (file.status === "error") {
    out.push(`${c.red("error")} ${path}: ${singleLine(file.reason ?? "failed")}`);
    if (options.verbose) {
      for (const internal of file.internalErrors)
        if (internal.stack) out.push(c.dim(indent(internal.stack, "    ")));
    }
    out.push("");
  }
  if (file.formatting && !file.formatting.applied) {
    out.push(
      `${c.yellow("not formatted")} ${file.path}: ${file.formatting.reason ?? "the formatter was not applied"}; lazymod's own text was written`,
      "",
    );
  }
  return out.length > 0 ? `${out.join("\n")}\n` : "";
}

/**
 * The summary; with `verbose`, preceded by every skipped file and its reason. For a run a signal
 * stopped, it says so, and what was and was not done.
 */
export function textSummary(result: RunResult, options: TextReportOptions = {}): string {
  const c = pc.createColors(options.color ?? false);
  const out: string[] = [];
  if (options.verbose) {
    const skipped = result.files.filter((f) => f.status === "skipped");
    for (const file of skipped)
      out.push(`${c.dim("skipped")} ${printablePath(file.path)}: ${singleLine(file.reason ?? "")}`);
    if (skipped.length > 0) out.push("");
  }
  out.push(...formatSummary(c, result));
  if (result.interrupted) out.push(...formatInterruption(c, result, result.interrupted, options));
  return `${out.join("\n")}\n`;
}

/** What the text of one change shows: a report's change, or a plan's (`lazymod review`). */
type ChangeView = Pick<
  Change,
  "transform" | "line" | "column" | "message" | "status" | "risk" | "includes" | "impact"
> & { diff?: string };

/** One change as the text report shows it (header, risk, reasons, proofs, impact, hunk). */
export function changeText(
  path: string,
  change: ChangeView,
  maxRisk: number,
  options: { color?: boolean; showImpact?: boolean } = {},
): string {
  return formatChange(
    pc.createColors(options.color ?? false),
    printablePath(path),
    change,
    maxRisk,
    options.showImpact,
  );
}

function formatChange(
  c: Colors,
  path: string,
  change: ChangeView,
  maxRisk: number,
  showImpact = false,
): string {
  const status =
    change.status === "held"
      ? c.yellow(` [held back: risk above --max-risk ${maxRisk}]`)
      : change.status === "report"
        ? c.magenta(" [reported only: no automatic fix]")
        : "";
  const lines = [
    `${c.bold(`${path}:${change.line}:${change.column}`)}  ${c.cyan(change.transform)}  ${singleLine(change.message)}${status}`,
  ];
  const band = change.risk.band;
  const paint = band === "low" ? c.green : band === "medium" ? c.yellow : c.red;
  lines.push(`  risk ${paint(`${change.risk.score}/100 (${band})`)}`);
  for (const factor of change.risk.factors)
    lines.push(`    ${c.dim(`+${factor.weight}`)} ${factor.id}: ${singleLine(factor.reason)}`);
  for (const proof of change.risk.proofs ?? [])
    lines.push(`    ${c.green("✓")} ${proof.id}: ${singleLine(proof.reason)}`);
  if (change.includes)
    lines.push(`    ${c.dim(`(also resolves nested ${change.includes.join(", ")})`)}`);
  if (showImpact && change.impact) {
    lines.push(`  impact rank ${change.impact.rank}`);
    for (const note of change.impact.notes)
      lines.push(`    ${c.blue("•")} ${note.id}: ${singleLine(note.reason)}`);
  }
  if (change.diff) lines.push(indent(colorDiff(c, change.diff), "  "));
  return lines.join("\n");
}

function colorDiff(c: Colors, diff: string): string {
  return diff
    .split("\n")
    .map((line) =>
      line.startsWith("@@")
        ? c.cyan(line)
        : line.startsWith("-")
          ? c.red(line)
          : line.startsWith("+")
            ? c.green(line)
            : line,
    )
    .join("\n");
}

function formatSummary(c: Colors, result: RunResult): string[] {
  const s = result.summary;
  const lines: string[] = [];
  const skipped = Object.entries(s.skippedByReason)
    .map(([reason, count]) => `${count} ${reason}`)
    .join(", ");
  lines.push(
    `${c.bold("Files:")} ${s.filesScanned} scanned (${s.filesParsed} parsed, ${s.filesPrefiltered} ruled out by the prefilter), ${filesWithFindings(result)}, ` +
      `${s.filesSkipped} skipped${skipped ? ` (${skipped})` : ""}, ${s.filesFailed > 0 ? c.red(`${s.filesFailed} failed`) : "0 failed"}` +
      (s.filesUnparsed > 0 ? `, ${c.yellow(`${s.filesUnparsed} not parsed`)}` : ""),
  );
  const byTransform = Object.entries(s.byTransform)
    .map(([id, count]) => `${id} ${count}`)
    .join(", ");
  const suppressed = s.suppressed > 0 ? `; ${s.suppressed} suppressed by ignore comments` : "";
  const outsideBands = s.outsideBands > 0 ? `; ${s.outsideBands} outside --band` : "";
  lines.push(
    `${c.bold("Changes:")} ${s.changes} (${s.byBand.low} low, ${s.byBand.medium} medium, ${s.byBand.high} high)${byTransform ? `; ${byTransform}` : ""}${suppressed}${outsideBands}`,
  );
  const held = s.heldBack > 0 ? `, ${s.heldBack} held back above --max-risk ${result.maxRisk}` : "";
  const reported = s.reportOnly > 0 ? `, ${s.reportOnly} reported without a fix` : "";
  if (result.write) {
    lines.push(
      `${c.bold("Written:")} ${plural(s.written, "change")} to ${plural(s.filesWritten, "file")}${held}${reported}`,
    );
  } else {
    lines.push(
      `${c.bold("Dry run:")} nothing written; ${plural(s.applicable, "change")} at or below --max-risk ${result.maxRisk} would be written with --write (to ${plural(s.filesChanged, "file")})${held}${reported}`,
    );
  }
  if (s.outsideDiff) lines.push(`${c.bold("Outside the diff:")} ${outsideDiffText(s.outsideDiff)}`);
  if (s.warnings > 0)
    lines.push(
      `${c.bold("Warnings:")} ${c.yellow(`${s.warnings}`)} (each is listed above; they fail nothing)`,
    );
  lines.push(...formattingLines(c, result));
  const languages = languageLine(s.byLanguage);
  if (languages) lines.push(`${c.bold("Language:")} ${languages}`);
  const types = typesLine(result);
  if (types) lines.push(`${c.bold("Types:")} ${types}`);
  if (result.cache) lines.push(`${c.bold("Cache:")} ${cacheLine(result.cache)}`);
  lines.push(`${c.dim(`Done in ${(result.elapsedMs / 1000).toFixed(2)}s`)}`);
  return lines;
}

/** Files named in the summary of a stopped run before "… and N more" (--verbose: all). */
const NAMED_FILES = 5;

function formatInterruption(
  c: Colors,
  result: RunResult,
  interrupted: Interruption,
  options: TextReportOptions,
): string[] {
  const left = interrupted.notProcessed;
  const total = interrupted.filesProcessed + left.length;
  const lines = [
    c.red(
      c.bold(
        `Interrupted: stopped after ${interrupted.filesProcessed} of ${total} files, so this report is partial.`,
      ),
    ),
  ];
  const named = options.verbose ? left : left.slice(0, NAMED_FILES);
  const more = left.length - named.length;
  const list =
    named.join(", ") + (more > 0 ? `, … and ${more} more (--verbose lists every one)` : "");
  if (result.write) {
    const written = result.files.filter((f) => f.written > 0).map((f) => f.path);
    const writtenNamed = options.verbose ? written : written.slice(0, NAMED_FILES);
    const writtenMore = written.length - writtenNamed.length;
    lines.push(
      `  Written, each file whole: ${plural(interrupted.filesWritten, "file")}${writtenNamed.length > 0 ? `: ${writtenNamed.join(", ")}${writtenMore > 0 ? `, … and ${writtenMore} more (each one is listed above)` : ""}` : ""}`,
      `  Not processed, left as they were: ${plural(left.length, "file")}${left.length > 0 ? `: ${list}` : ""}`,
      "  Run the same command again to do the rest: the files already rewritten have nothing left to change.",
    );
  } else {
    lines.push(
      `  Not scanned: ${plural(left.length, "file")}${left.length > 0 ? `: ${list}` : ""}`,
    );
  }
  return lines;
}

/**
 * `44 with findings (6 that --write would change)`: every file with a finding of any status, and
 * of those the ones with a change at or below --max-risk; after --write, the ones written.
 */
function filesWithFindings(result: RunResult): string {
  const s = result.summary;
  const found = `${s.filesWithFindings} with findings`;
  if (!result.write) return `${found} (${s.filesChanged} that --write would change)`;
  const notWritten = s.filesChanged - s.filesWritten;
  return `${found} (${s.filesWritten} written${notWritten > 0 ? `, ${notWritten} not written: see the errors` : ""})`;
}

/**
 * A path as one line: a file name may hold a line break or another control character (POSIX
 * allows it), which would split a header line in two; such a path is shown JSON-quoted.
 */
function printablePath(path: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u001f\u007f\u2028\u2029]/.test(path)) return path;
  return JSON.stringify(path).replace(
    /[\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16)}`,
  );
}

/**
 * `3 changes in 2 files, 1 warning, on lines this branch did not change: not shown, and not
 * counted by --check`.
 */
export function outsideDiffText(outside: OutsideDiff): string {
  const parts = [`${plural(outside.changes, "change")} in ${plural(outside.files, "file")}`];
  if (outside.warnings > 0) parts.push(plural(outside.warnings, "warning"));
  return `${parts.join(", ")}${parts.length > 1 ? "," : ""} on lines this branch did not change (--changed-lines): not shown, and not counted by --check`;
}

/** What `--format-changed` did, or a one-line suggestion to use it. */
function formattingLines(c: Colors, result: RunResult): string[] {
  const s = result.summary;
  if (s.formatted + s.notFormatted > 0) {
    const not = s.notFormatted > 0 ? `; ${c.yellow(`${s.notFormatted} not`)} (reasons above)` : "";
    return [
      `${c.bold("Formatted:")} ${s.formatted} written file${s.formatted === 1 ? "" : "s"} with the project's formatter${not}`,
    ];
  }
  const hint = result.formatterHint;
  if (!hint) return [];
  const how = result.write
    ? "run with --format-changed to keep what --write changes formatted"
    : "add --format-changed to --write to keep it formatted";
  return [`this project uses ${hint.label} (${hint.configFile}): ${how}`];
}

/**
 * `2 programs (TypeScript 5.9.3, the project's) for 14 files, 1.8 s; 9 changes type-checked, 1
 * held back for a type error; proofs: receiver-is-array 6, callback-is-pure 2`.
 */
function typesLine(result: RunResult): string | undefined {
  const types = result.types;
  if (!types) return undefined;
  const s = result.summary;
  const fileLocal = types.fileLocal ?? 0;
  const notNeeded = types.notNeeded ?? 0;
  // JavaScript the compiler does not check, whose changes asked nothing of types.
  const needless =
    notNeeded > 0 ? `${plural(notNeeded, "file")} with findings needed no program; ` : "";
  if (types.programs === 0 && fileLocal === 0 && notNeeded > 0)
    return `${needless}no program built`;
  if (types.programs === 0)
    return (
      "no file with findings belongs to a tsconfig.json or jsconfig.json lazymod could use" +
      (fileLocal > 0 ? ` (${plural(fileLocal, "file")} judged file by file)` : "") +
      (notNeeded > 0 ? `; ${needless.slice(0, -2)}` : "")
    );
  const proofs = Object.entries(s.byProof)
    .sort((a, b) => b[1] - a[1])
    .map(([id, count]) => `${id} ${count}`);
  const shared =
    types.programs > 1 && (types.sharedFiles ?? 0) > 0
      ? `, ${plural(types.sharedFiles ?? 0, "file")} parsed once for several`
      : "";
  return (
    `${plural(types.programs, "program")} (${types.compiler ?? "TypeScript"}) for ${plural(types.files, "file")}${shared}, ${(types.milliseconds / 1000).toFixed(1)} s; ` +
    (fileLocal > 0 ? `${plural(fileLocal, "file")} with findings judged file by file; ` : "") +
    needless +
    `${plural(s.typeChecked, "change")} type-checked, ${s.typeErrors} held back for a type error` +
    (proofs.length > 0 ? `; proofs: ${proofs.join(", ")}` : "")
  );
}

/** `9442 of 9442 files reused, 2 programs reused (.lazymodcache)`, and what became of the cache. */
function cacheLine(cache: NonNullable<RunResult["cache"]>): string {
  const programs =
    cache.programsReused + cache.programsBuilt > 0
      ? `, ${cache.programsReused} of ${plural(cache.programsReused + cache.programsBuilt, "program")} reused`
      : "";
  const state: Record<string, string> = {
    new: "a new cache",
    rebuilt: "made anew: lazymod, its options or the configuration changed",
    damaged: "made anew: it was damaged (see the warning)",
    foreign: "not a lazymod cache: not used",
    unreadable: "could not be read",
  };
  const note = [state[cache.state], cache.notSaved ? "not saved (see the warning)" : undefined]
    .filter(Boolean)
    .join("; ");
  return `${cache.filesReused} of ${plural(cache.files, "file")} reused${programs} (${cache.location}${note ? `: ${note}` : ""})`;
}

/** `es2020 from tsconfig.json (12 files), es2022 from default (1 file)`: the most used first. */
function languageLine(byLanguage: Readonly<Record<string, number>>): string {
  const SHOWN = 4;
  const entries = Object.entries(byLanguage).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = entries
    .slice(0, SHOWN)
    .map(([key, count]) => `${key} (${count} file${count === 1 ? "" : "s"})`);
  const rest = entries.length - SHOWN;
  return shown.join(", ") + (rest > 0 ? `, and ${rest} more (see --format json)` : "");
}

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((line) => prefix + line)
    .join("\n");
}
