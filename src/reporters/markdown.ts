import { plural } from "../core/text.js";
import type { Band, Change } from "../core/types.js";
import { transformDocUrl } from "../links.js";
import type { FileReport } from "../core/result.js";
import type { RunResult } from "../core/result.js";
import { filesInOrder, type SortOrder } from "./order.js";
import { outsideDiffText } from "./text.js";

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
  /**
   * `--sort`: within each section, files by their first change in this order and each file's
   * changes so too (default: by path and position). With `impact`, changes show their impact notes.
   */
  sort?: SortOrder;
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
 * parts become safe code spans and the rest safe text, whatever the quoted code contains. A quote
 * of code that holds backticks has a longer fence (`` `` `${a}` `` ``), read as Markdown reads it.
 */
export function escapeMessage(message: string): string {
  let out = "";
  let last = 0;
  for (const match of message.matchAll(/(?<!`)(`+)(?!`)([\s\S]*?)(?<!`)\1(?!`)/g)) {
    let code = match[2]!;
    if (/^ [\s\S]* $/.test(code) && code.trim() !== "") code = code.slice(1, -1);
    out += escapeText(message.slice(last, match.index)) + codeSpan(code);
    last = match.index + match[0].length;
  }
  return out + escapeText(message.slice(last));
}

// ---------------------------------------------------------------------------------------------

/** `**6** changes`: a count in bold with its noun. */
function boldCount(count: number, word: string): string {
  return `**${count}** ${word}${count === 1 ? "" : "s"}`;
}

// ---------------------------------------------------------------------------------------------
// Sections. The body is ordered by urgency: the changes `--write` applies first, then the held
// back ones, then the findings without a fix; within each, files by path and changes by position.
// A file with changes of several statuses is split: each section shows only its own changes of
// the file (the file's summary line names what else it has), so that no held-back change can push
// an applicable one out of a truncated comment.

type Section = "apply" | "held" | "report";
const SECTIONS: readonly Section[] = ["apply", "held", "report"];

/** What a section is called, in the heading and in the truncation note. */
function sectionName(section: Section, result: RunResult): string {
  if (section === "apply")
    return result.write ? "written by `lazymod --write`" : "would be applied by `lazymod --write`";
  if (section === "held") return `held back (risk above --max-risk ${result.maxRisk})`;
  return "reported only (no automatic fix)";
}

function sectionHeading(section: Section, result: RunResult, files: readonly FileReport[]): string {
  const changes = files.reduce((n, f) => n + f.changes.length, 0);
  const name = sectionName(section, result);
  return `#### ${name[0]!.toUpperCase()}${name.slice(1)}: ${plural(changes, "change")} in ${plural(files.length, "file")}\n\n`;
}

/** Whether an applicable change of this file reached the disk (with `--write`). */
function wasWritten(file: FileReport): boolean {
  return file.written > 0 || file.status !== "error";
}

function statusText(change: Change, file: FileReport, result: RunResult): string {
  if (change.status === "apply") {
    if (!result.write) return "would be applied by `lazymod --write`";
    return wasWritten(file) ? "written" : "not written (the file failed)";
  }
  if (change.status === "held") return `held back (risk above --max-risk ${result.maxRisk})`;
  return "reported only (no automatic fix)";
}

function changeBlock(
  change: Change,
  file: FileReport,
  result: RunResult,
  showImpact: boolean,
): string {
  const { risk } = change;
  const lines = [
    `**${BADGE[risk.band]} ${risk.band} ${risk.score}/100** · [${codeSpan(change.transform)}](${transformDocUrl(change.transform)}) · line ${change.line} · ${statusText(change, file, result)}`,
    "",
    escapeMessage(change.message),
    "",
  ];
  for (const factor of risk.factors)
    lines.push(`- \`+${factor.weight}\` ${codeSpan(factor.id)}: ${escapeMessage(factor.reason)}`);
  for (const proof of risk.proofs ?? [])
    lines.push(`- ✓ ${codeSpan(proof.id)}: ${escapeMessage(proof.reason)}`);
  if (change.includes)
    lines.push(`- also resolves nested ${change.includes.map((id) => codeSpan(id)).join(", ")}`);
  const impact = showImpact ? change.impact : undefined;
  for (const note of impact?.notes ?? [])
    lines.push(`- impact ${codeSpan(note.id)}: ${escapeMessage(note.reason)}`);
  if (risk.factors.length > 0 || risk.proofs?.length || change.includes || impact) lines.push("");
  const code = change.diff ? codeBlock(change.diff, "diff") : codeBlock(change.original);
  return `${lines.join("\n")}\n${code}\n`;
}

/** Risk-band counts of some changes, e.g. `🟢 2 low · 🔴 1 high`. */
function bandCounts(changes: readonly Change[]): string {
  const byBand: Record<Band, number> = { low: 0, medium: 0, high: 0 };
  for (const change of changes) byBand[change.risk.band]++;
  return bandCountsOf(byBand);
}

/** One file's part of a section: its changes of that section, and what else the file has. */
function fileSummary(
  file: FileReport,
  section: Section,
  whole: FileReport,
  result: RunResult,
): string {
  const short: Record<Section, string> = {
    apply: result.write ? "written" : "to apply",
    held: "held back",
    report: "reported only",
  };
  const others = SECTIONS.filter((s) => s !== section)
    .map((s) => [s, whole.changes.filter((c) => c.status === s).length] as const)
    .filter(([, count]) => count > 0)
    .map(([s, count]) => `${count} ${short[s]}`);
  const also = others.length > 0 ? ` · this file also has ${others.join(", ")}` : "";
  return `<summary><code>${escapeHtml(file.path)}</code> · ${plural(file.changes.length, "change")} · ${bandCounts(file.changes)}${also}</summary>`;
}

function header(result: RunResult): string {
  const s = result.summary;
  const filesWithChanges = result.files.filter((f) => f.changes.length > 0).length;
  const lines = [MARKDOWN_MARKER];
  if (result.interrupted) {
    const { filesProcessed, notProcessed } = result.interrupted;
    lines.push(
      `> [!WARNING]\n> The run was stopped (Ctrl-C or SIGTERM) after ${filesProcessed} of ${plural(filesProcessed + notProcessed.length, "file")}: this report is partial.`,
      "",
    );
  }
  if (s.changes === 0) {
    lines.push("### lazymod: no eager patterns found", "");
  } else {
    lines.push(
      `### lazymod: ${plural(s.changes, "change")} in ${plural(s.filesWithFindings, "file")}`,
      "",
    );
    const parts = [
      result.write
        ? `${boldCount(s.written, "change")} written to ${boldCount(s.filesWritten, "file")} (risk at most ${result.maxRisk})`
        : `${boldCount(s.applicable, "change")} in ${boldCount(s.filesChanged, "file")} would be applied by \`lazymod --write\` (risk at most ${result.maxRisk})`,
    ];
    if (s.heldBack > 0) parts.push(`**${s.heldBack}** held back (risk above ${result.maxRisk})`);
    if (s.reportOnly > 0) parts.push(`**${s.reportOnly}** without an automatic fix`);
    lines.push(parts.join(" · "), "");
  }
  const scanned = [`${plural(s.filesScanned, "file")} scanned`];
  if (s.filesSkipped > 0) scanned.push(`${s.filesSkipped} skipped`);
  if (s.filesFailed > 0) scanned.push(`**${s.filesFailed} failed**`);
  if (s.filesUnparsed > 0) scanned.push(`${s.filesUnparsed} not parsed`);
  if (s.suppressed > 0) scanned.push(`${s.suppressed} suppressed by ignore comments`);
  if (s.outsideBands > 0) scanned.push(`${plural(s.outsideBands, "change")} outside --band`);
  if (s.warnings > 0) scanned.push(`**${plural(s.warnings, "warning")}**`);
  lines.push(scanned.join(" · "), "");
  if (s.outsideDiff)
    lines.push(`Outside the diff: ${escapeText(outsideDiffText(s.outsideDiff))}`, "");
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

/** What a truncated comment left out of one section: changes by risk band, and their files. */
interface Omitted {
  byBand: Record<Band, number>;
  files: number;
  /** The section's changes, shown or not. */
  total: number;
}

function bandCountsOf(byBand: Record<Band, number>): string {
  return BANDS.filter((band) => byBand[band] > 0)
    .map((band) => `${BADGE[band]} ${byBand[band]} ${band}`)
    .join(" · ");
}

function truncationNote(
  result: RunResult,
  omitted: ReadonlyMap<Section, Omitted>,
  limit: number,
): string {
  const size = `${limit.toLocaleString("en-US")}-character`;
  const lines = [
    "> [!NOTE]",
    `> Truncated to stay under ${limit === GITHUB_COMMENT_LIMIT ? `GitHub's ${size} comment limit` : `the ${size} limit`}. Not shown:`,
  ];
  for (const section of SECTIONS) {
    const left = omitted.get(section);
    const count = left ? BANDS.reduce((n, band) => n + left.byBand[band], 0) : 0;
    if (!left || count === 0) continue;
    lines.push(
      `> - ${sectionName(section, result)}: ${count} of ${plural(left.total, "change")}, in ${plural(left.files, "file")} (${bandCountsOf(left.byBand)})`,
    );
  }
  lines.push(
    ">",
    "> Run lazymod locally, or use `--format json` or `--format sarif`, for the full list.",
  );
  return `${lines.join("\n")}\n`;
}

/** Room for the largest note there can be: every section and band, with the longest counts. */
function noteReserve(result: RunResult, limit: number): number {
  const huge = 1e9;
  const omitted = new Map<Section, Omitted>();
  for (const section of SECTIONS)
    omitted.set(section, {
      byBand: { low: huge, medium: huge, high: huge },
      files: huge,
      total: huge,
    });
  return truncationNote(result, omitted, limit).length;
}

/** The files of one section, each with only its changes of that status (files keep path order). */
function sectionFiles(
  result: RunResult,
  section: Section,
): Array<{ file: FileReport; whole: FileReport }> {
  return result.files
    .map((whole) => ({
      whole,
      file: { ...whole, changes: whole.changes.filter((c) => c.status === section) },
    }))
    .filter(({ file }) => file.changes.length > 0);
}

/** The files' warnings (unknown ids in ignore comments, configuration that nearly matches), within a quarter of the limit. */
function warningList(result: RunResult, limit: number): string {
  const warnings = result.files.flatMap((file) =>
    (file.warnings ?? []).map((warning) => ({ file, warning })),
  );
  if (warnings.length === 0) return "";
  let out = "**Warnings** (nothing failed because of them):\n\n";
  let shown = 0;
  for (const { file, warning } of warnings) {
    const line = `- ${codeSpan(`${file.path}:${warning.line}:${warning.column}`)}: ${escapeMessage(warning.message)}\n`;
    if (out.length + line.length > limit / 4) break;
    out += line;
    shown++;
  }
  if (shown < warnings.length) out += `- …and ${plural(warnings.length - shown, "more warning")}\n`;
  return `${out}\n`;
}

/** The plan this report was made with, and how to apply exactly it. */
function planNote(plan: PlanReference): string {
  const apply = applyCommandLine(plan.file, plan.digest);
  return `Plan ${codeSpan(plan.file)}, digest ${codeSpan(plan.digest)}: apply exactly the plan reviewed here with ${codeSpan(apply)}\n\n`;
}

/** A titled list of files and their reasons, cut short (and counted) past half the limit. */
function fileList(
  title: string,
  files: readonly FileReport[],
  written: number,
  limit: number,
): string {
  if (files.length === 0) return "";
  let out = `${title}\n\n`;
  let shown = 0;
  for (const file of files) {
    const line = `- ${codeSpan(file.path)}: ${escapeText(file.reason ?? "failed")}\n`;
    if (written + out.length + line.length > limit / 2) break;
    out += line;
    shown++;
  }
  if (shown < files.length) out += `- …and ${plural(files.length - shown, "more file")}\n`;
  return `${out}\n`;
}

/**
 * A pull-request comment: a summary table (transform × risk band, files), the files that failed,
 * the warnings, then one section per status (applicable, held back, reported only) with a collapsible <details>
 * per file holding each change's risk badge, reasons and diff. Never longer than GitHub's comment
 * limit: what comes later in that order is left out first, and a closing note counts what was left
 * out of each section.
 */
export function markdownReport(result: RunResult, options: MarkdownReportOptions = {}): string {
  const limit = Math.min(options.limit ?? GITHUB_COMMENT_LIMIT, GITHUB_COMMENT_LIMIT);
  const budget = limit - noteReserve(result, limit);
  let out = header(result);
  if (options.plan) out += planNote(options.plan);
  const failed = result.files.filter((f) => f.status === "error");
  out += fileList(
    "**Files that failed** (reported, not changed):",
    failed.filter((f) => f.errorKind !== "parse"),
    out.length,
    limit,
  );
  out += fileList(
    "**Files lazymod could not parse** (reported, not changed; they do not fail the run):",
    failed.filter((f) => f.errorKind === "parse"),
    out.length,
    limit,
  );
  out += warningList(result, limit);
  const omitted = new Map<Section, Omitted>();
  // Each file is left out of a section at most once (whole, or the rest after a partial file).
  const omit = (section: Section, changes: readonly Change[]) => {
    const left = omitted.get(section)!;
    for (const change of changes) left.byBand[change.risk.band]++;
    if (changes.length > 0) left.files++;
  };
  let truncated = false;
  for (const section of SECTIONS) {
    const entries = filesInOrder(sectionFiles(result, section), options.sort ?? "path");
    omitted.set(section, {
      byBand: { low: 0, medium: 0, high: 0 },
      files: 0,
      total: entries.reduce((n, { file }) => n + file.changes.length, 0),
    });
    if (entries.length === 0) continue;
    let body = "";
    const heading = sectionHeading(
      section,
      result,
      entries.map(({ file }) => file),
    );
    for (const { file, whole } of entries) {
      if (truncated) {
        omit(section, file.changes);
        continue;
      }
      const open = `<details>\n${fileSummary(file, section, whole, result)}\n\n`;
      const close = "</details>\n\n";
      const blocks = file.changes.map((change) =>
        changeBlock(change, whole, result, options.sort === "impact"),
      );
      const used = out.length + heading.length + body.length;
      if (used + open.length + blocks.join("").length + close.length <= budget) {
        body += open + blocks.join("") + close;
        continue;
      }
      // The file does not fit whole: as many of its changes as fit, and the rest counted.
      truncated = true;
      let partial = open;
      let fitted = 0;
      for (const block of blocks) {
        if (used + partial.length + block.length + close.length + 80 > budget) break;
        partial += block;
        fitted++;
      }
      if (fitted > 0)
        body += `${partial}_…${plural(blocks.length - fitted, "more change")} in this file not shown_\n\n${close}`;
      omit(section, file.changes.slice(fitted));
    }
    // A section none of whose changes fit has no heading either.
    if (body !== "") out += heading + body;
  }
  if (truncated) out += truncationNote(result, omitted, limit);
  return out;
}

/** The command that applies exactly this plan, its file name quoted for a POSIX shell if need be. */
export function applyCommandLine(planFile: string, digest: string): string {
  const safe = planFile.startsWith("-") ? `./${planFile}` : planFile;
  const file = /^[\w@%+=:,./-]+$/.test(safe) ? safe : `'${safe.replaceAll("'", "'\\''")}'`;
  return `lazymod apply --expect-digest ${digest} ${file}`;
}
