import path from "node:path";
import type { FileReport } from "../core/result.js";
import type { Change, FileWarning } from "../core/types.js";
import { git, mergeBaseOf, untrackedFiles } from "./since.js";

/**
 * The lines a branch added or modified since it left a ref (`--since <ref> --changed-lines`):
 * the `+` lines of `git diff <merge base>` against the work tree (so staged and unstaged work
 * count), renames followed (a renamed file's unchanged lines are not changed), and every line of
 * an untracked, not ignored file. A line only deleted marks none; a deleted file has none.
 */
export interface ChangedLines {
  /** Whether one of lines `first`..`last` (1-based, inclusive) of the file (absolute) is changed. */
  touches(file: string, first: number, last: number): boolean;
}

/** Inclusive 1-based line ranges, or every line of the file. */
type Lines = Array<readonly [number, number]> | "all";

export async function changedLinesSince(ref: string, cwd: string): Promise<ChangedLines> {
  const { top, base } = await mergeBaseOf(ref, cwd, "--changed-lines");
  const [patch, untracked] = await Promise.all([
    git(
      [
        // Paths as they are (only control characters, quotes and backslashes are quoted then).
        "-c",
        "core.quotePath=false",
        "diff",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        // Every file as text: a file git would call binary still gets its lines.
        "--text",
        "--unified=0",
        "--find-renames",
        // The repository's configuration may not change the paths or what is compared.
        "--no-relative",
        "--src-prefix=a/",
        "--dst-prefix=b/",
        base,
        "--",
      ],
      top,
    ),
    untrackedFiles(top),
  ]);
  const byFile = addedLines(patch, top);
  for (const file of untracked) byFile.set(file, "all");
  return {
    touches(file, first, last) {
      const lines = byFile.get(path.normalize(file));
      if (lines === undefined) return false;
      if (lines === "all") return true;
      return lines.some(([from, to]) => from <= last && first <= to);
    },
  };
}

/**
 * The added lines of each file in a unified diff with no context (`--unified=0`), by the file's
 * absolute path in the new tree. Each hunk says how many lines it removes and adds, so its lines
 * are counted off rather than read as headers (an added line `++ x` reads `+++ x`).
 */
export function addedLines(patch: string, top: string): Map<string, Lines> {
  const byFile = new Map<string, Lines>();
  let current: Array<readonly [number, number]> | undefined;
  let left = 0;
  for (const line of patch.split("\n")) {
    if (left > 0) {
      // "\ No newline at end of file" follows a line without counting as one.
      if (!line.startsWith("\\")) left--;
      continue;
    }
    if (line.startsWith("diff --git ")) current = undefined;
    else if (line.startsWith("+++ ")) {
      const name = unquoteGitPath(line.slice(4).replace(/\t$/, ""));
      current = undefined;
      if (name !== "/dev/null" && name.startsWith("b/")) {
        current = [];
        byFile.set(path.resolve(top, name.slice(2)), current);
      }
    } else if (line.startsWith("@@ ")) {
      const hunk = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!hunk) continue;
      const removed = hunk[1] === undefined ? 1 : Number(hunk[1]);
      const start = Number(hunk[2]);
      const added = hunk[3] === undefined ? 1 : Number(hunk[3]);
      if (added > 0) current?.push([start, start + added - 1]);
      left = removed + added;
    }
  }
  return byFile;
}

const ESCAPES: Readonly<Record<string, number>> = {
  a: 7,
  b: 8,
  t: 9,
  n: 10,
  v: 11,
  f: 12,
  r: 13,
  '"': 34,
  "\\": 92,
};

/**
 * A path as git writes it in a patch header: as is, or, with a character git quotes, in double
 * quotes with C escapes (`\t`, `\"`, `\\`, and octal bytes of UTF-8).
 */
export function unquoteGitPath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return text;
  const bytes: number[] = [];
  const body = text.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (char !== "\\") {
      bytes.push(...Buffer.from(char, "utf8"));
      continue;
    }
    const next = body[i + 1] ?? "";
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** What a report had outside the changed lines. */
export interface OutsideTheDiff {
  changes: number;
  warnings: number;
}

/**
 * The lines a change touches: from where it is reported or starts, to where it is reported or
 * ends (a range that ends at the start of a line does not touch that line).
 */
function linesTouched(change: Change): [number, number] {
  const endsAtLineStart = change.endColumn === 1 && change.endLine > change.startLine;
  const lastReplaced = endsAtLineStart ? change.endLine - 1 : change.endLine;
  return [Math.min(change.line, change.startLine), Math.max(change.line, lastReplaced)];
}

/**
 * A file's report narrowed to the changed lines: the changes (and warnings) that touch none of
 * them are left out, and counted. A file with nothing left to apply is no longer `changed`.
 */
export function withinChangedLines(
  report: FileReport,
  lines: ChangedLines,
): { report: FileReport; outside: OutsideTheDiff } {
  const inside = (first: number, last: number) => lines.touches(report.absolutePath, first, last);
  const changes = report.changes.filter((change) => inside(...linesTouched(change)));
  const warnings = (report.warnings ?? []).filter((w: FileWarning) => inside(w.line, w.line));
  const outside = {
    changes: report.changes.length - changes.length,
    warnings: (report.warnings?.length ?? 0) - warnings.length,
  };
  if (outside.changes === 0 && outside.warnings === 0) return { report, outside };
  const applies = changes.some((change) => change.status === "apply");
  const narrowed: FileReport = { ...report, changes };
  if (report.warnings) {
    if (warnings.length > 0) narrowed.warnings = warnings;
    else delete narrowed.warnings;
  }
  if (!applies) delete narrowed.source;
  if (!applies && report.status === "changed") narrowed.status = "unchanged";
  return { report: narrowed, outside };
}
