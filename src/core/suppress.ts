import type * as t from "@babel/types";
import { closest } from "fastest-levenshtein";
import type { TransformContext } from "./context.js";
import type { Candidate } from "./edits.js";
import { LineIndex } from "./hunk.js";
import type { FileWarning } from "./types.js";
import type { SourceSlice } from "./types.js";

// Ignore comments, read from the file being transformed:
//
//     // lazymod-ignore-next-line                      every transform, on the next line
//     // lazymod-ignore-next-line prefer-has, prefer-array-some -- why
//     xs.filter(p).length > 0; // lazymod-ignore-line  every transform, on the comment's own line
//     /* lazymod-disable */                            every transform, in the whole file
//     /* lazymod-disable prefer-array-find -- why */
//
// Either comment style works for either directive. Transform ids may be separated by commas or
// spaces; text after ` -- ` is a free-form reason. A match that a directive covers is not a change:
// it is counted as suppressed.

type DirectiveKind = "ignore-next-line" | "ignore-line" | "disable";

export interface Directive {
  kind: DirectiveKind;
  /** Transform ids it applies to; empty for all. */
  transforms: string[];
  /** 0-based line of the comment's end in the text it was read from. */
  line: number;
  /** 0-based line of the comment's start (an `ignore-line` block comment covers every line it spans). */
  firstLine: number;
  /** The comment's range in that text. */
  start: number;
  end: number;
}

/** A match an ignore comment suppressed; positions are in the original text, like a Change's. */
export interface SuppressedMatch {
  transform: string;
  messageId: string;
  line: number;
  column: number;
  directive: DirectiveKind;
  /** 1-based line of the ignore comment in the original text. */
  directiveLine: number;
}

const DIRECTIVE = /^lazymod-(ignore-next-line|ignore-line|disable)(?=\s|$)([^]*)$/;

/** A directive's transform ids, each with its offset in the comment's text. */
function readDirective(
  comment: string,
): { kind: DirectiveKind; ids: Array<{ id: string; offset: number }> } | undefined {
  // Tolerate JSDoc-style `/** … */` and leading stars on continuation lines.
  const lead = /^[\s*]*/.exec(comment)![0].length;
  const text = comment.slice(lead).trimEnd();
  const match = DIRECTIVE.exec(text);
  if (!match) return undefined;
  const [, kind, rest = ""] = match;
  const idsText = rest.split(/\s--\s|\s--$/)[0] ?? "";
  const restOffset = lead + text.length - rest.length;
  const ids = [...idsText.matchAll(/[^\s,]+/g)].map((m) => ({
    id: m[0],
    offset: restOffset + m.index,
  }));
  return { kind: kind as DirectiveKind, ids };
}

/** The directive a comment holds, if any. */
export function parseDirective(
  comment: string,
): Pick<Directive, "kind" | "transforms"> | undefined {
  const read = readDirective(comment);
  return read && { kind: read.kind, transforms: read.ids.map(({ id }) => id) };
}

/**
 * A warning for every transform id an ignore comment names that is not among the known ones: such
 * a comment suppresses nothing for that id, which is almost always a typo. The position is the
 * id's own, in the text the comments were read from; the nearest known id is suggested.
 */
export function unknownTransformWarnings(
  source: string,
  comments: readonly t.Comment[],
  known: readonly string[],
): FileWarning[] {
  if (!source.includes("lazymod-")) return [];
  const knownIds = new Set(known);
  const lines = new LineIndex(source);
  const warnings: FileWarning[] = [];
  for (const comment of comments) {
    const read = readDirective(comment.value);
    if (!read) continue;
    // The comment's text starts after `//` or `/*`.
    const valueStart = (comment.start ?? 0) + 2;
    for (const { id, offset } of read.ids) {
      if (knownIds.has(id)) continue;
      const at = lines.position(valueStart + offset);
      const suggestion = known.length > 0 ? closest(id, known) : undefined;
      warnings.push({
        id: "unknown-transform-in-directive",
        line: at.line,
        column: at.column,
        transform: id,
        ...(suggestion ? { suggestion } : {}),
        message:
          `\`lazymod-${read.kind}\` names \`${id}\`, which is not a lazymod transform, so it suppresses nothing for it` +
          (suggestion ? `; did you mean \`${suggestion}\`?` : ""),
      });
    }
  }
  return warnings;
}

/**
 * Which directives suppressed something: each comment's start in the original text, with the
 * transforms whose matches it suppressed (filled pass by pass, see the engine).
 */
export type DirectiveUses = Map<number, Set<string>>;

/** Records that the directive whose comment starts at `commentStart` suppressed a match of `transform`. */
export function recordDirectiveUse(
  uses: DirectiveUses,
  commentStart: number,
  transform: string,
): void {
  const transforms = uses.get(commentStart);
  if (transforms) transforms.add(transform);
  else uses.set(commentStart, new Set([transform]));
}

/**
 * What an unused-directive report may judge: the transforms that ran on the file (an id of one
 * that did not run might suppress something in another run), and whether every known transform
 * ran (only then is a directive that names none judged).
 */
export interface DirectiveJudgement {
  transforms: readonly string[];
  all: boolean;
}

const WHERE: Record<DirectiveKind, string> = {
  "ignore-next-line": "on the next line",
  "ignore-line": "on its line",
  disable: "in this file",
};

/**
 * A warning for every ignore comment (or transform id in one) that suppressed nothing, as
 * ESLint's `--report-unused-disable-directives` does: such a comment is stale (the code it was
 * about changed or moved) and would silently hide a future finding. Unknown ids have their own
 * warning (see unknownTransformWarnings), and ids of transforms that did not run are not judged.
 */
export function unusedDirectiveWarnings(
  source: string,
  comments: readonly t.Comment[],
  uses: ReadonlyMap<number, ReadonlySet<string>>,
  judged: DirectiveJudgement,
): FileWarning[] {
  if (!source.includes("lazymod-")) return [];
  const judgedIds = new Set(judged.transforms);
  const lines = new LineIndex(source);
  const warnings: FileWarning[] = [];
  for (const comment of comments) {
    const read = readDirective(comment.value);
    if (!read) continue;
    const start = comment.start ?? 0;
    const used = uses.get(start);
    const directive = `lazymod-${read.kind}`;
    if (read.ids.length === 0) {
      if (!judged.all || (used && used.size > 0)) continue;
      warnings.push({
        id: "unused-ignore-directive",
        ...lines.position(start),
        message: `\`${directive}\` suppressed nothing: no transform found a change ${WHERE[read.kind]}; remove the comment`,
      });
      continue;
    }
    const valueStart = start + 2;
    for (const { id, offset } of read.ids) {
      if (!judgedIds.has(id) || used?.has(id)) continue;
      warnings.push({
        id: "unused-ignore-directive",
        ...lines.position(valueStart + offset),
        transform: id,
        message: `\`${directive}\` names \`${id}\`, which found no change ${WHERE[read.kind]}: the comment suppresses nothing for it; remove ${read.ids.length === 1 ? "the comment" : "the id"}`,
      });
    }
  }
  return warnings;
}

class Suppressions {
  readonly lines: LineIndex;
  private readonly fileWide: Directive[] = [];
  private readonly byTargetLine = new Map<number, Directive[]>();

  constructor(source: string, comments: readonly t.Comment[]) {
    this.lines = new LineIndex(source);
    for (const comment of comments) {
      const parsed = parseDirective(comment.value);
      if (!parsed) continue;
      const start = comment.start ?? 0;
      const end = comment.end ?? start;
      const directive: Directive = {
        ...parsed,
        line: this.lines.lineOf(end),
        firstLine: this.lines.lineOf(start),
        start,
        end,
      };
      if (directive.kind === "disable") {
        this.fileWide.push(directive);
      } else if (directive.kind === "ignore-next-line") {
        this.target(directive.line + 1, directive);
      } else {
        for (let line = directive.firstLine; line <= directive.line; line++)
          this.target(line, directive);
      }
    }
  }

  private target(line: number, directive: Directive): void {
    this.byTargetLine.set(line, [...(this.byTargetLine.get(line) ?? []), directive]);
  }

  get isEmpty(): boolean {
    return this.fileWide.length === 0 && this.byTargetLine.size === 0;
  }

  /**
   * The directive that covers a match of `transform` touching these ranges `[from, to)` of the
   * text (an empty range touches the line it is on): `ignore-next-line` covers a match when any
   * line one of its ranges touches is the comment's next line, `ignore-line` when it is a line
   * of the comment itself.
   */
  covering(
    transform: string,
    ranges: readonly (readonly [number, number])[],
  ): Directive | undefined {
    const applies = (d: Directive) => d.transforms.length === 0 || d.transforms.includes(transform);
    const fileWide = this.fileWide.find(applies);
    if (fileWide) return fileWide;
    for (const [from, to] of ranges) {
      const first = this.lines.lineOf(from);
      const last = to > from ? this.lines.lineOf(to - 1) : first;
      // A file has few directives: look at theirs rather than at every line of a long range.
      for (const [line, directives] of this.byTargetLine) {
        if (line < first || line > last) continue;
        const found = directives.find(applies);
        if (found) return found;
      }
    }
    return undefined;
  }
}

/** Ignore comments of a file, or undefined when it has none (the common case, kept cheap). */
function suppressionsOf(source: string, comments: readonly t.Comment[]): Suppressions | undefined {
  if (!source.includes("lazymod-")) return undefined;
  const suppressions = new Suppressions(source, comments);
  return suppressions.isEmpty ? undefined : suppressions;
}

/** Splits off the candidates that an ignore comment covers (`// lazymod-ignore-next-line`, …). */
export function withoutSuppressed(
  ctx: TransformContext,
  candidates: Candidate[],
): { candidates: Candidate[]; covered: Candidate[] } {
  const suppressions = suppressionsOf(ctx.source, ctx.comments);
  if (!suppressions) return { candidates, covered: [] };
  const kept: Candidate[] = [];
  const covered: Candidate[] = [];
  for (const candidate of candidates) {
    const directive = suppressions.covering(candidate.proposal.transform, touchedRanges(candidate));
    if (!directive) {
      kept.push(candidate);
      continue;
    }
    covered.push({
      ...candidate,
      suppressedBy: { kind: directive.kind, start: directive.start, end: directive.end },
    });
  }
  return { candidates: kept, covered };
}

/**
 * The parts of the text a candidate is about, for ignore comments: where it is reported (its
 * node's start), and what each of its rewrites removes or replaces. Text a rewrite copies back in
 * place (a callback's body, say) is not changed by it, so a line holding only such text is not
 * touched: an inner pattern there can be suppressed on its own.
 *
 *     const admins = users.filter(isAdmin);   ← removed: touched
 *     // lazymod-ignore-next-line
 *     if (admins.length > 0) …                ← replaced: touched, so the comment covers the change
 */
function touchedRanges(candidate: Candidate): Array<readonly [number, number]> {
  const node = candidate.proposal.node as { start?: number | null };
  const anchor = node.start ?? candidate.start;
  const ranges: Array<readonly [number, number]> = [[anchor, anchor]];
  for (const rewrite of candidate.proposal.rewrites ?? []) {
    const keptInPlace = rewrite.pieces
      .filter((p): p is SourceSlice => typeof p !== "string")
      .filter((slice) => rewrite.start <= slice.from && slice.to <= rewrite.end)
      .sort((a, b) => a.from - b.from);
    let cursor = rewrite.start;
    for (const slice of keptInPlace) {
      if (slice.from > cursor) ranges.push([cursor, slice.from]);
      cursor = Math.max(cursor, slice.to);
    }
    if (cursor < rewrite.end || rewrite.start === rewrite.end) ranges.push([cursor, rewrite.end]);
  }
  return ranges;
}
