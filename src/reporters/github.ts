import { plural } from "../core/text.js";
import type { RunResult } from "../core/result.js";
import { regionOf } from "./sarif.js";
import { outsideDiffText } from "./text.js";

// Workflow command escaping, as in @actions/core: `%`, CR and LF in the message; also `:` and `,`
// in property values, where they would end the value.
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function command(
  name: "warning" | "notice" | "error",
  properties: Record<string, string | number>,
  message: string,
): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(",");
  return `::${name}${props ? ` ${props}` : ""}::${escapeData(message)}`;
}

/** `6 changes in 4 files would be applied by lazymod --write`, or after --write what was written. */
function applicableSummary(result: RunResult): string {
  const s = result.summary;
  if (result.write)
    return `${plural(s.written, "change")} written to ${plural(s.filesWritten, "file")}`;
  return `${plural(s.applicable, "change")} in ${plural(s.filesChanged, "file")} at or below --max-risk ${result.maxRisk} would be applied by lazymod --write`;
}

/**
 * GitHub Actions workflow commands: one annotation per change (`warning` for changes at or below
 * --max-risk, `notice` for the others), an `error` per file that failed, and a closing `notice`
 * with the summary. Every value from the scanned code is escaped, so it cannot start a command.
 */
export function githubReport(result: RunResult): string {
  const lines: string[] = [];
  for (const file of result.files) {
    for (const change of file.changes) {
      const region = regionOf(change);
      const risk = `risk ${change.risk.score}/100 (${change.risk.band})`;
      const status =
        change.status === "apply"
          ? result.write
            ? "written by lazymod --write"
            : `would be applied by lazymod --write (at or below --max-risk ${result.maxRisk})`
          : change.status === "held"
            ? `held back: above --max-risk ${result.maxRisk}`
            : "reported only: no automatic fix";
      const body = [
        change.message,
        `${risk}; ${status}`,
        ...change.risk.factors.map((f) => `+${f.weight} ${f.id}: ${f.reason}`),
        ...(change.risk.proofs ?? []).map((p) => `✓ ${p.id}: ${p.reason}`),
        ...(change.status === "report" ? [] : [`Suggested: ${change.replacement}`]),
      ].join("\n");
      lines.push(
        command(
          change.status === "apply" ? "warning" : "notice",
          {
            file: file.path,
            line: region.startLine!,
            col: region.startColumn!,
            endLine: region.endLine!,
            endColumn: region.endColumn!,
            title: `lazymod ${change.transform}: ${risk}`,
          },
          body,
        ),
      );
    }
    for (const warning of file.warnings ?? [])
      lines.push(
        command(
          "warning",
          {
            file: file.path,
            line: warning.line,
            col: warning.column,
            title: `lazymod ${warning.id}`,
          },
          warning.message,
        ),
      );
    // A file lazymod cannot parse does not fail the run (see --fail-on-parse-error): a warning.
    if (file.status === "error")
      lines.push(
        file.errorKind === "parse"
          ? command(
              "warning",
              { file: file.path, title: "lazymod: file not parsed" },
              file.reason ?? "not parsed",
            )
          : command(
              "error",
              { file: file.path, title: "lazymod: file failed" },
              file.reason ?? "failed",
            ),
      );
  }
  const s = result.summary;
  if (result.interrupted) {
    const { filesProcessed, notProcessed } = result.interrupted;
    lines.push(
      command(
        "warning",
        { title: "lazymod: run stopped" },
        `The run was stopped (Ctrl-C or SIGTERM) after ${filesProcessed} of ${filesProcessed + notProcessed.length} files: these annotations are partial`,
      ),
    );
  }
  lines.push(
    command(
      "notice",
      { title: "lazymod summary" },
      `${plural(s.changes, "change")} in ${s.filesWithFindings} of ${plural(s.filesScanned, "file")} scanned: ${applicableSummary(result)}, ${s.heldBack} held back above --max-risk ${result.maxRisk}, ${s.reportOnly} without a fix, ${s.suppressed} suppressed; ${s.filesFailed} failed${s.filesUnparsed > 0 ? `, ${s.filesUnparsed} not parsed` : ""}${s.warnings > 0 ? `; ${plural(s.warnings, "warning")}` : ""}${s.outsideDiff ? `; outside the diff: ${outsideDiffText(s.outsideDiff)}` : ""}`,
    ),
  );
  return `${lines.join("\n")}\n`;
}
