import type { Band, Change } from "../core/types.js";
import { transformDocUrl } from "../links.js";
import { applyCommandLine } from "../plan/plan.js";
import type { FileReport } from "../runner/process-file.js";
import type { RunResult } from "../runner/run.js";

/** GitHub rejects issue and pull-request comments longer than this. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** First line of every Markdown report, so a CI job can find and update its previous comment. */
export const MARKDOWN_MARKER = "<!-- lazymod-report -->";

const BADGE: Record<Band, string> = { low: "🟢", medium: "🟡", high: "🔴" };
const BANDS: readonly Band[] = ["low", "medium", "high"];

/** A plan saved with the run: its file as given on the command line, and its digest. */
export interface PlanReference {
  file: string;
  digest: string;
}

export interface MarkdownReportOptions {
  /** Maximum length in UTF-16 code units (never more than GitHub's limit in characters). */
  limit?: number;
  /** The plan saved with this run: the report names it and its digest. */
  plan?: PlanReference;
}

// ---------------------------------------------------------------------------------------------
// Escaping. Everything that comes from the scanned code (paths, messages with code in them, risk
// reasons, diffs) goes through one of these, so a crafted file cannot close a code block, open
// HTML, end a <details>, or mention and notify people.

/** Longest run of a character in a text. */
function longestRun(text: string, char: string): number {
  let longest = 0;
  let current = 0;
  for (const c of text) {
    current = c === char ? current + 1 : 0;
    if (current > longest) longest = current;
  }
  return longest;
}

// `@name` would notify a user or team, `#12` link an issue: a zero-width space after the sign
// keeps the text as it reads and stops both (the way Dependabot quotes release notes).
const ZERO_WIDTH_SPACE = "&#8203;";

/** Plain text for Markdown prose (inline; newlines become spaces). One pass, so no escape is escaped again. */
export function escapeText(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/#(?=\d)|@|[\\`*_{}[\]()#+\-.!|<>&~"']/g, (c) =>
      c === "@" ? `@${ZERO_WIDTH_SPACE}` : c === "#" ? `\\#${ZERO_WIDTH_SPACE}` : `\\${c}`,
    );
}

const HTML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text inside an HTML element (a <summary>): entities for markup, no mentions. */
export function escapeHtml(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/#(?=\d)|@|[&<>"']/g, (c) =>
      c === "@" || c === "#" ? `${c}${ZERO_WIDTH_SPACE}` : HTML_ENTITIES[c]!,
    );
}

/**
 * An inline code span that holds any text: its backtick fence is longer than any run inside, and
 * in a table cell `|` is escaped (GFM splits cells on it even inside code).
 */
export function codeSpan(text: string, inTable = false): string {
  let content = text.replace(/[\r\n]+/g, " ");
  if (inTable) content = content.replace(/\|/g, "\\|");
  const fence = "`".repeat(longestRun(content, "`") + 1);
  const pad =
    content.startsWith("`") || content.endsWith("`") || content.startsWith(" ") ? " " : "";
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** A fenced code block that holds any text: no line inside can close it. */
export function codeBlock(text: string, language = ""): string {
  const fence = "`".repeat(Math.max(3, longestRun(text, "`") + 1));
  const body = text.endsWith("\n") ? text : `${text}\n`;
  return `${fence}${language}\n${body}${fence}\n`;
}

/**
 * A message of lazymod's own with code quoted in backticks (from the scanned file): the quoted
 * parts become safe code spans and the rest safe text, whatever the quoted code contains.
 */
export function escapeMessage(message: string): string {
  let out = "";
  let last = 0;
  for (const match of message.matchAll(/`([^`]*)`/g)) {
    out += escapeText(message.slice(last, match.index)) + codeSpan(match[1]!);
    last = match.index + match[0].length;
  }
  return out + escapeText(message.slice(last));
}

// ---------------------------------------------------------------------------------------------

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function statusText(change: Change, result: RunResult): string {
  if (change.status === "apply") return result.write ? "written" : "applied by `--write`";
  if (change.status === "held") return `held back (risk above --max-risk ${result.maxRisk})`;
  return "reported only (no automatic fix)";
}

function changeBlock(change: Change, result: RunResult): string {
  const { risk } = change;
  const lines = [
    `**${BADGE[risk.band]} ${risk.band} ${risk.score}/100** · [${codeSpan(change.transform)}](${transformDocUrl(change.transform)}) · line ${change.line} · ${statusText(change, result)}`,
    "",
    escapeMessage(change.message),
    "",
  ];
  for (const factor of risk.factors)
    lines.push(`- \`+${factor.weight}\` ${codeSpan(factor.id)}: ${escapeMessage(factor.reason)}`);
  if (change.includes)
    lines.push(`- also resolves nested ${change.includes.map((id) => codeSpan(id)).join(", ")}`);
  if (risk.factors.length > 0 || change.includes) lines.push("");
  const code = change.diff ? codeBlock(change.diff, "diff") : codeBlock(change.original);
  return `${lines.join("\n")}\n${code}\n`;
}

function fileSummary(file: FileReport): string {
  const counts = BANDS.map(
    (band) => [band, file.changes.filter((c) => c.risk.band === band).length] as const,
  )
    .filter(([, count]) => count > 0)
    .map(([band, count]) => `${BADGE[band]} ${count} ${band}`);
  return `<summary><code>${escapeHtml(file.path)}</code> · ${plural(file.changes.length, "change")} · ${counts.join(" · ")}</summary>`;
}

function header(result: RunResult): string {
  const s = result.summary;
  const filesWithChanges = result.files.filter((f) => f.changes.length > 0).length;
  const lines = [MARKDOWN_MARKER];
  if (s.changes === 0) {
    lines.push("### lazymod: no eager patterns found", "");
  } else {
    lines.push(
      `### lazymod: ${plural(s.changes, "change")} in ${plural(filesWithChanges, "file")}`,
      "",
    );
    const parts = [
      result.write
        ? `**${s.written}** written (risk at most ${result.maxRisk})`
        : `**${s.applicable}** at or below --max-risk ${result.maxRisk} (applied by \`lazymod --write\`)`,
    ];
    if (s.heldBack > 0) parts.push(`**${s.heldBack}** held back`);
    if (s.reportOnly > 0) parts.push(`**${s.reportOnly}** without an automatic fix`);
    lines.push(parts.join(" · "), "");
  }
  const scanned = [`${plural(s.filesScanned, "file")} scanned`];
  if (s.filesSkipped > 0) scanned.push(`${s.filesSkipped} skipped`);
  if (s.filesFailed > 0) scanned.push(`**${s.filesFailed} failed**`);
  if (s.filesUnparsed > 0) scanned.push(`${s.filesUnparsed} not parsed`);
  if (s.suppressed > 0) scanned.push(`${s.suppressed} suppressed by ignore comments`);
  lines.push(scanned.join(" · "), "");
  if (s.changes > 0) {
    lines.push(
      `| transform | ${BANDS.map((b) => `${BADGE[b]} ${b}`).join(" | ")} | files |`,
      "| --- | ---: | ---: | ---: | ---: |",
    );
    const total = { low: 0, medium: 0, high: 0 };
    for (const id of transformOrder(result)) {
      const changes = result.files.flatMap((f) => f.changes.filter((c) => c.transform === id));
      if (changes.length === 0) continue;
      const byBand = BANDS.map((band) => changes.filter((c) => c.risk.band === band).length);
      BANDS.forEach((band, i) => (total[band] += byBand[i]!));
      const files = result.files.filter((f) => f.changes.some((c) => c.transform === id)).length;
      lines.push(
        `| [${codeSpan(id, true)}](${transformDocUrl(id)}) | ${byBand.join(" | ")} | ${files} |`,
      );
    }
    lines.push(`| **all** | ${BANDS.map((b) => total[b]).join(" | ")} | ${filesWithChanges} |`, "");
  }
  return `${lines.join("\n")}\n`;
}

/** The run's transforms in their order, then any others that reported changes. */
function transformOrder(result: RunResult): string[] {
  const ids = [...result.transforms];
  for (const file of result.files)
    for (const change of file.changes)
      if (!ids.includes(change.transform)) ids.push(change.transform);
  return ids;
}

function truncationNote(files: number, changes: number): string {
  return (
    `> [!NOTE]\n> Truncated to stay under GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString("en-US")}-character comment limit: ` +
    `${plural(changes, "more change")} in ${plural(files, "file")} not shown. ` +
    "Run lazymod locally, or use `--format json` or `--format sarif`, for the full list.\n"
  );
}

/** The plan this report was made with, and how to apply exactly it. */
function planNote(plan: PlanReference): string {
  const apply = applyCommandLine(plan.file, plan.digest);
  return `Plan ${codeSpan(plan.file)}, digest ${codeSpan(plan.digest)}: apply exactly the plan reviewed here with ${codeSpan(apply)}\n\n`;
}

/**
 * A pull-request comment: a summary table (transform × risk band, files), the files that failed,
 * then one collapsible <details> per file with each change's risk badge, reasons and diff. Never
 * longer than GitHub's comment limit: what does not fit is counted in a closing note.
 */
export function markdownReport(result: RunResult, options: MarkdownReportOptions = {}): string {
  const limit = Math.min(options.limit ?? GITHUB_COMMENT_LIMIT, GITHUB_COMMENT_LIMIT);
  // Room for the note with the largest counts it could show.
  const reserve = truncationNote(1e9, 1e9).length + 200;
  let out = header(result);
  if (options.plan) out += planNote(options.plan);
  const failed = result.files.filter((f) => f.status === "error");
  if (failed.length > 0) {
    out += "**Files that failed** (reported, not changed):\n\n";
    let shown = 0;
    for (const file of failed) {
      const line = `- ${codeSpan(file.path)}: ${escapeText(file.reason ?? "failed")}\n`;
      if (out.length + line.length > limit / 2) break;
      out += line;
      shown++;
    }
    if (shown < failed.length) out += `- …and ${plural(failed.length - shown, "more file")}\n`;
    out += "\n";
  }
  const withChanges = result.files.filter((f) => f.changes.length > 0);
  let omittedFiles = 0;
  let omittedChanges = 0;
  for (const [index, file] of withChanges.entries()) {
    const open = `<details>\n${fileSummary(file)}\n\n`;
    const close = "</details>\n\n";
    const blocks = file.changes.map((change) => changeBlock(change, result));
    const whole = open + blocks.join("") + close;
    if (out.length + whole.length <= limit - reserve) {
      out += whole;
      continue;
    }
    let partial = open;
    let fitted = 0;
    for (const block of blocks) {
      if (out.length + partial.length + block.length + close.length + 80 > limit - reserve) break;
      partial += block;
      fitted++;
    }
    if (fitted > 0) {
      out += `${partial}_…${plural(blocks.length - fitted, "more change")} in this file not shown_\n\n${close}`;
      omittedFiles += 1;
    }
    omittedChanges += blocks.length - fitted;
    for (const rest of withChanges.slice(index + 1)) {
      omittedFiles++;
      omittedChanges += rest.changes.length;
    }
    if (fitted === 0) omittedFiles++;
    out += truncationNote(omittedFiles, omittedChanges);
    break;
  }
  return out;
}
