import { BOM } from "./text.js";
import { TransformContext, type NotedWarning, type TransformSettings } from "./context.js";
import { defaultLanguage, type LanguageSettings } from "./language.js";
import type { Proposal, Transform } from "./define.js";
import { layOut, renderRewrite, type Placed } from "../fix/layout.js";
import { hunkFor, LineIndex } from "./hunk.js";
import { Ledger, type Segment } from "./ledger.js";
import {
  allowsScript,
  canParseWithMode,
  parserForPath,
  parseSourceWithMode,
  parseWithMode,
  type ParseMode,
  type ParserName,
} from "./parse.js";
import { backticked, quoteCode } from "./quote.js";
import {
  BAND_LIMITS,
  combineFactors,
  CommonRisk,
  ENGINE_RISK_FACTORS,
  mergeRiskFactors,
  scoreRisk,
  type RiskFactorDefinitions,
} from "./risk.js";
import { suppressionsOf, unknownTransformWarnings, type SuppressedMatch } from "./suppress.js";
import type { StyleHints } from "./style.js";
import type {
  Change,
  ChangeStatus,
  FileWarning,
  Risk,
  Rewrite,
  SourceSlice,
  Target,
} from "./types.js";
import type * as t from "@babel/types";

export interface TransformSourceOptions {
  /** Used to pick the parser and in messages. */
  path: string;
  transforms: readonly Transform[];
  /** The language level, with the defaults' type-checking settings (ignored when `language` is given). */
  target?: Target;
  /** The file's language level and type-checking settings (from its tsconfig). */
  language?: LanguageSettings;
  /** Changes scoring above this are reported but not applied (default 24, the low band). */
  maxRisk?: number;
  parser?: ParserName;
  settings?: TransformSettings;
  /**
   * The project's formatter configuration, read as data (see src/runner/formatter-config.ts); a
   * function is called only if a transform writes text.
   */
  styleHints?: StyleHints | (() => StyleHints);
  maxPasses?: number;
  /**
   * Every transform id an ignore comment may name (default: the ids of `transforms`). A comment
   * naming any other id gets a warning. The caller passes the registry's ids, so that a comment
   * naming a transform that exists but is not selected (or not triggered) is not warned about.
   */
  knownTransforms?: readonly string[];
}

/** Something went wrong inside lazymod, not in the user's code. */
export interface InternalError {
  transform: string;
  message: string;
  stack?: string;
}

export interface TransformSourceResult {
  /** The new text (with the BOM, if the input had one). */
  output: string;
  changed: boolean;
  /** Every change, in the original text's coordinates, sorted by position. */
  changes: Change[];
  internalErrors: InternalError[];
  passes: number;
  /** Matches that ignore comments suppressed (in the final text's pass), in original coordinates. */
  suppressed: SuppressedMatch[];
  /** Ignore comments naming unknown transform ids, in original coordinates. */
  warnings: FileWarning[];
  /** How the input was parsed; the output was verified in the same mode (re-parse it so too). */
  mode: ParseMode;
}

interface ChangeMeta {
  /** Where the finding is reported (its node's start), as an offset into the original text. */
  at: number;
  transform: string;
  messageId: string;
  message: string;
  risk: Risk;
  includes: string[];
}

interface Candidate {
  proposal: Proposal;
  start: number;
  end: number;
  text: string;
  risk: Risk;
  fixable: boolean;
  /** The ignore comment that covers it, as a range of the text the candidate was found in. */
  suppressedBy?: { kind: SuppressedMatch["directive"]; start: number; end: number };
}

export const DEFAULT_MAX_RISK = BAND_LIMITS.low;
const DEFAULT_MAX_PASSES = 10;

/**
 * Runs transforms over one file's text to a fixed point: parse, collect every transform's
 * proposals, apply the non-overlapping ones at or below the risk threshold, re-parse to verify,
 * and repeat until a pass applies nothing. Throws SourceParseError if the input does not parse.
 */
export function transformSource(
  source: string,
  options: TransformSourceOptions,
): TransformSourceResult {
  const parser = options.parser ?? parserForPath(options.path) ?? "babylon";
  const maxRisk = options.maxRisk ?? DEFAULT_MAX_RISK;
  const maxPasses = options.maxPasses ?? DEFAULT_MAX_PASSES;
  const language = options.language ?? defaultLanguage(options.target);
  const hasBom = source.startsWith(BOM);
  const original = hasBom ? source.slice(1) : source;
  const ledger = new Ledger<ChangeMeta>(original);
  const internalErrors: InternalError[] = [];
  const broken = new Set<string>();
  const parsed = parseSourceWithMode(original, parser, {
    allowScript: allowsScript(options.path, parser),
  });
  const mode = parsed.mode;
  let ast = parsed.ast;
  const warnings = unknownTransformWarnings(
    original,
    ast.comments ?? [],
    options.knownTransforms ?? options.transforms.map((transform) => transform.id),
  );
  let heldBack: Candidate[] = [];
  let suppressed: Candidate[] = [];
  let passes = 0;

  for (;;) {
    passes++;
    const ctx = new TransformContext({
      source: ledger.current,
      path: options.path,
      parser,
      language,
      ast,
      settings: options.settings,
      styleHints: options.styleHints,
    });
    const collected = collectCandidates(ctx, options.transforms, broken, internalErrors);
    // What transforms note is about the code as written: the first pass sees it so.
    if (passes === 1) warnings.push(...notedWarnings(original, ctx.warnings));
    const { candidates, covered } = withoutSuppressed(ctx, collected);
    suppressed = covered;
    const isApplicable = (c: Candidate) => c.fixable && c.risk.score <= maxRisk;
    const applicable = withoutOverlaps(candidates.filter(isApplicable));
    // The last collection always runs on the final text, so held-back positions are current;
    // past the pass limit, what is still applicable is held back too.
    if (applicable.length === 0 || passes > maxPasses) {
      heldBack = passes > maxPasses ? candidates : candidates.filter((c) => !isApplicable(c));
      if (applicable.length > 0) {
        // Not at a fixed point: a second run would change the file again, so say so.
        internalErrors.push({
          transform: "engine",
          message: `stopped after ${maxPasses} passes with changes left (patterns nested more deeply than that); what was changed is valid: run lazymod again for the rest`,
        });
      }
      break;
    }
    const verified = verifiedSubset(ledger.current, applicable, mode, internalErrors);
    if (verified.accepted.length === 0) {
      heldBack = candidates.filter((c) => !isApplicable(c));
      break;
    }
    // Report positions are mapped to the original before this pass's edits move anything.
    const placed = verified.accepted.map((candidate) => ({
      candidate,
      at: reportedOffset(ledger, candidate),
    }));
    for (const { candidate, at } of placed.sort((a, b) => b.candidate.start - a.candidate.start)) {
      ledger.apply(candidate.start, candidate.end, candidate.text, (merged) =>
        mergeMeta(candidate, merged, at),
      );
    }
    ast = verified.ast ?? parseWithMode(ledger.current, mode);
  }

  const lines = new LineIndex(original);
  const changes: Change[] = [
    ...ledger.applied.map((segment) =>
      toChange(lines, segment.start, segment.end, segment.text, segment.meta, "apply"),
    ),
    ...heldBack.map((candidate) => {
      const projected = ledger.project(candidate.start, candidate.end, candidate.text);
      const meta = mergeMeta(candidate, projected.merged, reportedOffset(ledger, candidate));
      const status: ChangeStatus = candidate.fixable ? "held" : "report";
      const replacement = candidate.fixable
        ? projected.text
        : original.slice(projected.start, projected.end);
      return toChange(lines, projected.start, projected.end, replacement, meta, status);
    }),
  ].sort((a, b) => a.start - b.start || a.end - b.end);

  const output = (hasBom ? BOM : "") + ledger.current;
  return {
    output,
    mode,
    changed: ledger.applied.length > 0,
    changes,
    internalErrors,
    passes,
    warnings: warnings.sort((a, b) => a.line - b.line || a.column - b.column),
    suppressed: suppressed.map((candidate) => {
      const at = lines.position(reportedOffset(ledger, candidate));
      const directive = candidate.suppressedBy!;
      const comment = originalOffset(ledger, directive.start, directive.end);
      return {
        transform: candidate.proposal.transform,
        messageId: candidate.proposal.messageId,
        line: at.line,
        column: at.column,
        directive: directive.kind,
        directiveLine: lines.position(comment).line,
      };
    }),
  };
}

/** Warnings transforms noted in the original text, with their line and column. */
function notedWarnings(original: string, noted: readonly NotedWarning[]): FileWarning[] {
  if (noted.length === 0) return [];
  const lines = new LineIndex(original);
  return noted.map((warning) => ({
    id: warning.id,
    ...lines.position(warning.offset),
    message: warning.message,
  }));
}

/**
 * Where a range of the final text starts in the original. Inside an applied change the mapping is
 * not positional; the range's text is then looked up in what that change replaced (it is usually
 * copied verbatim, like a suppressed inner pattern), falling back to the change's start.
 */
function originalOffset<T>(ledger: Ledger<T>, start: number, end: number): number {
  const projected = ledger.project(start, end, "");
  if (projected.merged.length === 0) return projected.start;
  const text = ledger.current.slice(start, end);
  const replaced = ledger.original.slice(projected.start, projected.end);
  const found = replaced.indexOf(text);
  const unique = found !== -1 && replaced.indexOf(text, found + 1) === -1;
  return unique ? projected.start + found : projected.start;
}

/**
 * Where a candidate is reported, in the original text: the start of its finding's node (the code
 * it is about), which can lie after the start of its range (a removed declaration's whole line).
 */
function reportedOffset<T>(ledger: Ledger<T>, candidate: Candidate): number {
  const node = candidate.proposal.node as { start?: number | null; end?: number | null };
  const start = node.start ?? candidate.start;
  return originalOffset(ledger, start, node.end ?? start);
}

/** Splits off the candidates that an ignore comment covers (`// lazymod-ignore-next-line`, …). */
function withoutSuppressed(
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

function collectCandidates(
  ctx: TransformContext,
  transforms: readonly Transform[],
  broken: Set<string>,
  internalErrors: InternalError[],
): Candidate[] {
  const candidates: Candidate[] = [];
  const nodesOfType = (type: string) => ctx.nodesOfType(type);
  for (const transform of transforms) {
    if (broken.has(transform.id)) continue;
    let own: Candidate[];
    try {
      // Malformed rewrites throw in toCandidate: they are this transform's fault too.
      const factors = riskFactorsOf(transform);
      own = transform
        .propose(ctx, nodesOfType)
        .map((proposal) => toCandidate(ctx, proposal, factors));
    } catch (error) {
      // One transform failing on one file must not stop the others, nor the run.
      broken.add(transform.id);
      internalErrors.push({
        transform: transform.id,
        message: `${transform.id} threw: ${error instanceof Error ? error.message : String(error)}`,
        stack: error instanceof Error ? error.stack : undefined,
      });
      continue;
    }
    candidates.push(...own);
  }
  return candidates;
}

/** The factors a transform's changes are weighed with: its own, and those the engine raises. */
const factorsByTransform = new WeakMap<Transform, RiskFactorDefinitions>();
function riskFactorsOf(transform: Transform): RiskFactorDefinitions {
  let factors = factorsByTransform.get(transform);
  if (!factors) {
    factors = mergeRiskFactors([ENGINE_RISK_FACTORS, transform.riskFactors]);
    factorsByTransform.set(transform, factors);
  }
  return factors;
}

function toCandidate(
  ctx: TransformContext,
  proposal: Proposal,
  factors: RiskFactorDefinitions,
): Candidate {
  const anchor = proposal.node as { start?: number | null; end?: number | null };
  if (!proposal.rewrites || proposal.rewrites.length === 0) {
    return reportOnly(proposal, anchor.start ?? 0, anchor.end ?? 0, ctx, proposal.reasons, factors);
  }
  const rewrites = [...proposal.rewrites].sort((a, b) => a.start - b.start);
  for (const rewrite of rewrites) assertInSource(ctx.source, proposal.transform, rewrite);
  for (let i = 1; i < rewrites.length; i++) {
    if (rewrites[i]!.start < rewrites[i - 1]!.end) {
      throw new Error(`${proposal.transform}: overlapping rewrites in one change`);
    }
  }
  const start = rewrites[0]!.start;
  const end = rewrites[rewrites.length - 1]!.end;
  const lostComment = commentLostBy(ctx, rewrites);
  if (lostComment) {
    return reportOnly(
      proposal,
      start,
      end,
      ctx,
      [...proposal.reasons, { id: CommonRisk["comments-in-range"], detail: lostComment }],
      factors,
    );
  }
  const placed = laidOut(ctx, rewrites);
  let text = "";
  let cursor = placed[0]!.start;
  for (const piece of placed) {
    text += ctx.source.slice(cursor, piece.start) + piece.text;
    cursor = piece.end;
  }
  return {
    proposal,
    start: placed[0]!.start,
    end: placed[placed.length - 1]!.end,
    text,
    risk: scoreRisk(proposal.reasons, factors),
    fixable: true,
  };
}

/**
 * The rewrites rendered, each laid out as a formatter would leave it (parentheses, a line break
 * it no longer needs, a `;` that ASI needs); as the transform wrote them if laying out would make
 * two of them overlap.
 */
function laidOut(ctx: TransformContext, rewrites: readonly Rewrite[]): Placed[] {
  const plain = rewrites.map((r) => ({ start: r.start, end: r.end, text: renderRewrite(ctx, r) }));
  const placed: Placed[] = [];
  let floor = 0;
  for (const piece of plain) {
    const fitted = layOut(ctx, piece, floor);
    placed.push(fitted);
    floor = fitted.end;
  }
  const overlaps = placed.some((p, i) => i > 0 && p.start < placed[i - 1]!.end);
  return overlaps ? plain : placed;
}

/**
 * A rewrite, and every slice it copies, must be a range of the current text: a transform that
 * computes offsets wrongly would otherwise splice in duplicated or misplaced code that may still
 * parse, and so slip past verification.
 */
function assertInSource(source: string, transform: string, rewrite: Rewrite): void {
  const isRange = (from: number, to: number) =>
    Number.isInteger(from) &&
    Number.isInteger(to) &&
    0 <= from &&
    from <= to &&
    to <= source.length;
  const slices = rewrite.pieces.filter((p) => typeof p !== "string");
  if (!isRange(rewrite.start, rewrite.end) || !slices.every((p) => isRange(p.from, p.to))) {
    throw new Error(`${transform}: a rewrite or a copied slice lies outside the source text`);
  }
}

function reportOnly(
  proposal: Proposal,
  start: number,
  end: number,
  ctx: TransformContext,
  reasons: Proposal["reasons"],
  factors: RiskFactorDefinitions,
): Candidate {
  return {
    proposal,
    start,
    end,
    text: ctx.source.slice(start, end),
    risk: scoreRisk(reasons, factors),
    fixable: false,
  };
}

/** A comment that sits in text a rewrite removes (rather than copies), if any. */
function commentLostBy(ctx: TransformContext, rewrites: readonly Rewrite[]): string | undefined {
  for (const rewrite of rewrites) {
    const kept = rewrite.pieces.filter(
      (p): p is { from: number; to: number } => typeof p !== "string",
    );
    for (const comment of ctx.comments as readonly t.Comment[]) {
      const from = comment.start ?? 0;
      const to = comment.end ?? 0;
      if (to <= rewrite.start || from >= rewrite.end) continue;
      const copied = kept.some((slice) => slice.from <= from && to <= slice.to);
      if (!copied) return quoteCode(ctx.source.slice(from, to));
    }
  }
  return undefined;
}

/** Earliest first, and the outermost of nested ones; the rest come back on the next pass. */
function withoutOverlaps(candidates: readonly Candidate[]): Candidate[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  const chosen: Candidate[] = [];
  let lastEnd = -1;
  for (const candidate of sorted) {
    if (candidate.start < lastEnd) continue;
    if (candidate.start === lastEnd && candidate.start === candidate.end) continue;
    chosen.push(candidate);
    lastEnd = candidate.end;
  }
  return chosen;
}

/**
 * Applies the candidates together and re-parses, in the mode the file was read in. If the result
 * does not parse, each candidate is tried alone; one whose output does not parse is an internal
 * error of its transform and is dropped, and the others are kept only as far as they still parse
 * together.
 */
function verifiedSubset(
  text: string,
  candidates: readonly Candidate[],
  mode: ParseMode,
  internalErrors: InternalError[],
): { accepted: Candidate[]; ast?: t.File } {
  const together = splice(text, candidates);
  try {
    return { accepted: [...candidates], ast: parseWithMode(together, mode) };
  } catch {
    // fall through to isolating the culprit
  }
  const accepted: Candidate[] = [];
  for (const candidate of candidates) {
    if (canParseWithMode(splice(text, [...accepted, candidate]), mode)) {
      accepted.push(candidate);
    } else {
      internalErrors.push({
        transform: candidate.proposal.transform,
        message: `${candidate.proposal.transform} produced code that does not parse; the change was dropped: ${backticked(quoteCode(candidate.text, 80))}`,
      });
    }
  }
  return { accepted };
}

function splice(text: string, candidates: readonly Candidate[]): string {
  let result = "";
  let cursor = 0;
  for (const candidate of [...candidates].sort((a, b) => a.start - b.start)) {
    result += text.slice(cursor, candidate.start) + candidate.text;
    cursor = candidate.end;
  }
  return result + text.slice(cursor);
}

function mergeMeta(
  candidate: Candidate,
  merged: readonly Segment<ChangeMeta>[],
  at: number,
): ChangeMeta {
  const own: ChangeMeta = {
    at,
    transform: candidate.proposal.transform,
    messageId: candidate.proposal.messageId,
    message: candidate.proposal.message,
    risk: candidate.risk,
    includes: [],
  };
  if (merged.length === 0) return own;
  const includes = new Set<string>();
  for (const segment of merged) {
    includes.add(segment.meta.transform);
    for (const id of segment.meta.includes) includes.add(id);
  }
  const risk = combineFactors([
    ...candidate.risk.factors,
    ...merged.flatMap((s) => s.meta.risk.factors),
  ]);
  return { ...own, risk, includes: [...includes] };
}

function toChange(
  lines: LineIndex,
  start: number,
  end: number,
  replacement: string,
  meta: ChangeMeta,
  status: ChangeStatus,
): Change {
  const reported = lines.position(meta.at);
  const from = lines.position(start);
  const to = lines.position(end);
  const change: Change = {
    transform: meta.transform,
    line: reported.line,
    column: reported.column,
    start,
    end,
    startLine: from.line,
    startColumn: from.column,
    endLine: to.line,
    endColumn: to.column,
    replacement,
    original: lines.text.slice(start, end),
    message: meta.message,
    messageId: meta.messageId,
    status,
    risk: meta.risk,
    diff: status === "report" ? "" : hunkFor(lines, start, end, replacement),
  };
  if (meta.includes.length > 0) change.includes = meta.includes;
  return change;
}
