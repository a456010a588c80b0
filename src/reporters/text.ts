import pc from "picocolors";
import type { Change } from "../core/types.js";
import type { FileReport } from "../runner/process-file.js";
import type { RunResult } from "../runner/run.js";

export interface TextReportOptions {
  color?: boolean;
  /** Show internal errors' stacks, and list every skipped file with its reason. */
  verbose?: boolean;
}

type Colors = ReturnType<typeof pc.createColors>;

/** The human report: each file's changes (risk and hunk) and errors, then the summary. */
export function textReport(result: RunResult, options: TextReportOptions = {}): string {
  return (
    result.files.map((file) => textFileReport(file, result.maxRisk, options)).join("") +
    textSummary(result, options)
  );
}

/** One file's part of the report (empty when it has nothing to report), so it can be streamed. */
export function textFileReport(
  file: FileReport,
  maxRisk: number,
  options: TextReportOptions = {},
): string {
  const c = pc.createColors(options.color ?? false);
  const out: string[] = [];
  for (const change of file.changes) out.push(formatChange(c, file.path, change, maxRisk), "");
  if (file.status === "error") {
    out.push(`${c.red("error")} ${file.path}: ${file.reason ?? "failed"}`);
    if (options.verbose) {
      for (const internal of file.internalErrors)
        if (internal.stack) out.push(c.dim(indent(internal.stack, "    ")));
    }
    out.push("");
  }
  return out.length > 0 ? `${out.join("\n")}\n` : "";
}

/** The summary; with `verbose`, preceded by every skipped file and its reason. */
export function textSummary(result: RunResult, options: TextReportOptions = {}): string {
  const c = pc.createColors(options.color ?? false);
  const out: string[] = [];
  if (options.verbose) {
    const skipped = result.files.filter((f) => f.status === "skipped");
    for (const file of skipped) out.push(`${c.dim("skipped")} ${file.path}: ${file.reason ?? ""}`);
    if (skipped.length > 0) out.push("");
  }
  out.push(...formatSummary(c, result));
  return `${out.join("\n")}\n`;
}

function formatChange(c: Colors, path: string, change: Change, maxRisk: number): string {
  const status =
    change.status === "held"
      ? c.yellow(` [held back: risk above --max-risk ${maxRisk}]`)
      : change.status === "report"
        ? c.magenta(" [reported only: no automatic fix]")
        : "";
  const lines = [
    `${c.bold(`${path}:${change.line}:${change.column}`)}  ${c.cyan(change.transform)}  ${change.message}${status}`,
  ];
  const band = change.risk.band;
  const paint = band === "low" ? c.green : band === "medium" ? c.yellow : c.red;
  lines.push(`  risk ${paint(`${change.risk.score}/100 (${band})`)}`);
  for (const factor of change.risk.factors)
    lines.push(`    ${c.dim(`+${factor.weight}`)} ${factor.id}: ${factor.reason}`);
  if (change.includes)
    lines.push(`    ${c.dim(`(also resolves nested ${change.includes.join(", ")})`)}`);
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
  const unchanged = s.filesScanned - s.filesChanged - s.filesFailed;
  const lines: string[] = [];
  const skipped = Object.entries(s.skippedByReason)
    .map(([reason, count]) => `${count} ${reason}`)
    .join(", ");
  lines.push(
    `${c.bold("Files:")} ${s.filesScanned} scanned (${s.filesParsed} parsed, ${s.filesPrefiltered} ruled out by the prefilter), ${s.filesChanged} with changes, ${Math.max(0, unchanged)} unchanged, ` +
      `${s.filesSkipped} skipped${skipped ? ` (${skipped})` : ""}, ${s.filesFailed > 0 ? c.red(`${s.filesFailed} failed`) : "0 failed"}`,
  );
  const byTransform = Object.entries(s.byTransform)
    .map(([id, count]) => `${id} ${count}`)
    .join(", ");
  const suppressed = s.suppressed > 0 ? `; ${s.suppressed} suppressed by ignore comments` : "";
  lines.push(
    `${c.bold("Changes:")} ${s.changes} (${s.byBand.low} low, ${s.byBand.medium} medium, ${s.byBand.high} high)${byTransform ? `; ${byTransform}` : ""}${suppressed}`,
  );
  const held = s.heldBack > 0 ? `, ${s.heldBack} held back above --max-risk ${result.maxRisk}` : "";
  const reported = s.reportOnly > 0 ? `, ${s.reportOnly} reported without a fix` : "";
  if (result.write) {
    lines.push(
      `${c.bold("Written:")} ${s.written} change${s.written === 1 ? "" : "s"}${held}${reported}`,
    );
  } else {
    lines.push(
      `${c.bold("Dry run:")} nothing written; ${s.applicable} change${s.applicable === 1 ? "" : "s"} at or below --max-risk ${result.maxRisk} would be written with --write${held}${reported}`,
    );
  }
  const languages = languageLine(s.byLanguage);
  if (languages) lines.push(`${c.bold("Language:")} ${languages}`);
  lines.push(`${c.dim(`Done in ${(result.elapsedMs / 1000).toFixed(2)}s`)}`);
  return lines;
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
