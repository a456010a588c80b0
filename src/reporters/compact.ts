import { plural } from "../core/text.js";
import { singleLine } from "../core/quote.js";
import type { OutsideDiff, RunResult } from "../core/result.js";
import type { Change } from "../core/types.js";
import { changesInOrder, type SortOrder } from "./order.js";

export interface CompactReportOptions {
  sort?: SortOrder;
}

/** `held` and `report` changes say so; `apply` ones, the common case, do not. */
function statusWord(change: Change): string {
  return change.status === "held" ? " held" : change.status === "report" ? " no-fix" : "";
}

/**
 * One line per change, as ESLint's `unix` formatter writes one per problem, for editors' quickfix
 * lists (`vim -q`, Emacs' compilation mode) and grep:
 *
 *     src/a.ts:5:10: `.filter(…).length` compared with 0 builds … [prefer-array-some 20 low]
 *     src/b.ts:9:3: rows loaded only for their number … [prefer-orm-count 45 medium held]
 *     src/a.ts:2:4: warning: `lazymod-ignore-line` suppressed nothing … [unused-ignore-directive]
 *     src/c.ts:1:1: error: syntax error: … [parse]
 *
 * then, when there was anything, a blank line and the counts. Nothing at all when there is nothing.
 */
export function compactReport(result: RunResult, options: CompactReportOptions = {}): string {
  const lines = changesInOrder(result.files, options.sort ?? "path").map(
    ({ file, change }) =>
      `${file.path}:${change.line}:${change.column}: ${singleLine(change.message)} [${change.transform} ${change.risk.score} ${change.risk.band}${statusWord(change)}]`,
  );
  let warnings = 0;
  let errors = 0;
  for (const file of result.files) {
    for (const warning of file.warnings ?? []) {
      warnings++;
      lines.push(
        `${file.path}:${warning.line}:${warning.column}: warning: ${singleLine(warning.message)} [${warning.id}]`,
      );
    }
    if (file.status === "error") {
      errors++;
      lines.push(
        `${file.path}:1:1: error: ${singleLine(file.reason ?? "failed")} [${file.errorKind ?? "internal"}]`,
      );
    }
  }
  if (lines.length === 0) return "";
  const s = result.summary;
  const counts = [plural(s.changes, "change")];
  if (warnings > 0) counts.push(plural(warnings, "warning"));
  if (errors > 0) counts.push(`${plural(errors, "file")} with errors`);
  // What the selection left out, so that "1 change" is not read as all there is.
  if (s.outsideBands > 0) counts.push(`${s.outsideBands} outside --band`);
  if (s.outsideDiff && s.outsideDiff.changes + s.outsideDiff.warnings > 0)
    counts.push(`${outsideDiffCount(s.outsideDiff)} outside the diff`);
  if (result.interrupted) counts.push("interrupted: partial");
  return `${lines.join("\n")}\n\n${counts.join(", ")}\n`;
}

/** `3 changes` or `3 changes and 1 warning`. */
function outsideDiffCount(outside: OutsideDiff): string {
  const changes = `${outside.changes} change${outside.changes === 1 ? "" : "s"}`;
  if (outside.warnings === 0) return changes;
  return `${changes} and ${outside.warnings} warning${outside.warnings === 1 ? "" : "s"}`;
}
