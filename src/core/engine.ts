import {
  mayBeTypeChecked,
  TransformContext,
  type NotedWarning,
  type TransformSettings,
} from "./context.js";
import type { Transform } from "./define.js";
import { collectCandidates, withoutOverlaps, type Candidate } from "./edits.js";
import { hunkFor, LineIndex } from "./hunk.js";
import { annotateImpact } from "./impact.js";
import { defaultLanguage, type LanguageSettings } from "./language.js";
import { Ledger, type Segment } from "./ledger.js";
import { parseFileSource, parseWithMode, type ParseMode, type ParserName } from "./parse.js";
import { BAND_LIMITS, combineFactors, ENGINE_RISK_FACTORS, scoreRisk } from "./risk.js";
import { quoteCode } from "./quote.js";
import type { FileTypes, Range, TypeFacts, TypeGate } from "./type-facts.js";
import type * as t from "@babel/types";
import type { StyleHints } from "./style.js";
import {
  recordDirectiveUse,
  unknownTransformWarnings,
  unusedDirectiveWarnings,
  withoutSuppressed,
  type DirectiveJudgement,
  type DirectiveUses,
  type SuppressedMatch,
} from "./suppress.js";
import { BOM } from "./text.js";
import type { Band, Change, ChangeStatus, FileWarning, Risk, Target } from "./types.js";
import type { InternalError } from "./types.js";
import { verifiedSubset } from "./verify.js";
export type { InternalError } from "./types.js";

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
  /**
   * Apply only changes of these risk bands (`--band`): the others are held back, whatever their
   * score, so what is applied is what the selected bands would do on their own.
   */
  bands?: readonly Band[];
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
  /**
   * What the project's TypeScript program knows of this file (`--types`): facts for the
   * transforms, and the type-check gate. Without it every judgement is file-local.
   */
  types?: FileTypes;
  /**
   * Warn about ignore comments that suppressed nothing (`--report-unused-ignores`), judging the
   * ids of these transforms (the ones selected for the run, triggered or not).
   */
  unusedIgnores?: DirectiveJudgement;
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
  /** Whether the type-check gate checked the output (a project-aware run with changes). */
  typeChecked: boolean;
  /** A transform asked for the project's types, which could find what this file alone cannot. */
  asksTypes: boolean;
  /**
   * In a file-local run: whether the project's types could judge this file's changes otherwise
   * (a transform looked for them, or the compiler may check the file: the gate). False means a
   * run with types would find the same.
   */
  typesMatter: boolean;
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

export const DEFAULT_MAX_RISK = BAND_LIMITS.low;

const DEFAULT_MAX_PASSES = 10;

/**
 * Runs transforms over one file's text to a fixed point (see `fixedPoint`); with the project's
 * types, checks the result and holds back any change that adds a compiler error. Throws
 * SourceParseError if the input does not parse.
 */
export function transformSource(
  source: string,
  options: TransformSourceOptions,
): TransformSourceResult {
  const hasBom = source.startsWith(BOM);
  const original = hasBom ? source.slice(1) : source;
  const { parser, ...parsed } = parseFileSource(options.path, original, options.parser);
  const blocked = new Map<string, string>();
  // Every directive that suppressed a match in any pass, of any round (by its original offset).
  const uses: DirectiveUses = new Map();
  let state = fixedPoint(original, parsed, parser, options, blocked, uses);
  const gate = options.types?.gate;
  let typeChecked = false;
  // The type-check gate: a rewrite that adds a compiler error is held back, quoting the error, and
  // the file is rewritten again without it (what the others did may have depended on it).
  for (let round = 0; gate && state.ledger.applied.length > 0 && round < MAX_GATE_ROUNDS; round++) {
    typeChecked = true;
    const culprits = changesAddingErrors(state.ledger, gate);
    if (culprits.size === 0) break;
    for (const [key, error] of culprits) blocked.set(key, error);
    state = fixedPoint(original, parsed, parser, options, blocked, uses);
  }
  const { ledger, heldBack, suppressed } = state;
  if (options.unusedIgnores)
    state.warnings.push(
      ...unusedDirectiveWarnings(original, parsed.ast.comments ?? [], uses, options.unusedIgnores),
    );

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
  const categories = new Map(options.transforms.map((t) => [t.id, t.category]));
  annotateImpact(parsed.ast, original, changes, (id) => categories.get(id) === "orm");

  const output = (hasBom ? BOM : "") + ledger.current;
  return {
    output,
    mode: parsed.mode,
    changed: ledger.applied.length > 0,
    changes,
    internalErrors: state.internalErrors,
    passes: state.passes,
    typeChecked,
    asksTypes: state.asksTypes,
    typesMatter:
      state.consultedTypes ||
      mayBeTypeChecked(parser, options.language ?? defaultLanguage(options.target), original),
    warnings: state.warnings.sort((a, b) => a.line - b.line || a.column - b.column),
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

/** Rounds of the type-check gate: each holds back the changes that added an error and rewrites. */
const MAX_GATE_ROUNDS = 3;

interface FixedPoint {
  ledger: Ledger<ChangeMeta>;
  heldBack: Candidate[];
  suppressed: Candidate[];
  internalErrors: InternalError[];
  warnings: FileWarning[];
  passes: number;
  asksTypes: boolean;
  consultedTypes: boolean;
}

/**
 * The engine's loop: collect every transform's candidates, apply the non-overlapping ones at or
 * below the risk threshold, verify by re-parsing, and repeat until a pass applies nothing. A
 * candidate the type-check gate blocked (by transform and original range) is held back.
 */
function fixedPoint(
  original: string,
  parsed: { ast: t.File; mode: ParseMode },
  parser: ParserName,
  options: TransformSourceOptions,
  blocked: ReadonlyMap<string, string>,
  uses: DirectiveUses,
): FixedPoint {
  const maxRisk = options.maxRisk ?? DEFAULT_MAX_RISK;
  const maxPasses = options.maxPasses ?? DEFAULT_MAX_PASSES;
  const language = options.language ?? defaultLanguage(options.target);
  const ledger = new Ledger<ChangeMeta>(original);
  const internalErrors: InternalError[] = [];
  const broken = new Set<string>();
  const { mode } = parsed;
  let ast = parsed.ast;
  const warnings = unknownTransformWarnings(
    original,
    ast.comments ?? [],
    options.knownTransforms ?? options.transforms.map((transform) => transform.id),
  );
  let heldBack: Candidate[] = [];
  let suppressed: Candidate[] = [];
  let passes = 0;
  let asksTypes = false;
  let consultedTypes = false;

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
      types: options.types && factsOfCurrentText(options.types.facts, ledger),
    });
    const collected = collectCandidates(ctx, options.transforms, broken, internalErrors);
    // What transforms note is about the code as written: the first pass sees it so.
    if (passes === 1) warnings.push(...notedWarnings(original, ctx.warnings));
    if (ctx.asksTypes) asksTypes = true;
    if (ctx.consultedTypes) consultedTypes = true;
    const { candidates, covered } = withoutSuppressed(ctx, collected);
    // A change the gate blocked is held back at any threshold (even --max-risk 100).
    const held = new Set<Candidate>();
    if (blocked.size > 0)
      for (const candidate of candidates)
        if (holdIfBlocked(candidate, ledger, blocked)) held.add(candidate);
    suppressed = covered;
    for (const candidate of covered) {
      const { start, end } = candidate.suppressedBy!;
      recordDirectiveUse(uses, originalOffset(ledger, start, end), candidate.proposal.transform);
    }
    const bands = options.bands;
    const isApplicable = (c: Candidate) =>
      c.fixable &&
      c.risk.score <= maxRisk &&
      (!bands || bands.includes(c.risk.band)) &&
      !held.has(c);
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
  return {
    ledger,
    heldBack,
    suppressed,
    internalErrors,
    warnings,
    passes,
    asksTypes,
    consultedTypes,
  };
}

/** A candidate's identity across runs of the loop: its transform and its range in the original. */
function blockKey(transform: string, start: number, end: number): string {
  return `${transform}@${start}-${end}`;
}

/** Holds back a candidate the gate blocked, with the compiler error it would add (true then). */
function holdIfBlocked(
  candidate: Candidate,
  ledger: Ledger<ChangeMeta>,
  blocked: ReadonlyMap<string, string>,
): boolean {
  const projected = ledger.project(candidate.start, candidate.end, candidate.text);
  const error = blocked.get(blockKey(candidate.proposal.transform, projected.start, projected.end));
  if (error === undefined) return false;
  const added = scoreRisk([{ id: "adds-type-error", detail: error }], ENGINE_RISK_FACTORS);
  candidate.risk = combineFactors(
    [...candidate.risk.factors, ...added.factors],
    candidate.risk.proofs,
  );
  return true;
}

/**
 * The applied changes that add a compiler error, each with the first error it adds. The whole
 * text is checked first (one check when all is well); then each change alone, so the error is
 * put on the change that causes it.
 */
function changesAddingErrors(ledger: Ledger<ChangeMeta>, gate: TypeGate): Map<string, string> {
  const culprits = new Map<string, string>();
  if (gate.newErrors(ledger.current).length === 0) return culprits;
  const keyOf = (segment: Segment<ChangeMeta>) =>
    blockKey(segment.meta.transform, segment.start, segment.end);
  for (const segment of ledger.applied) {
    const alone =
      ledger.original.slice(0, segment.start) + segment.text + ledger.original.slice(segment.end);
    const [error] = gate.newErrors(alone);
    if (error) culprits.set(keyOf(segment), `${error.code}: ${quoteCode(error.message, 120)}`);
  }
  // Errors only the changes together cause: hold them all rather than write a broken file.
  if (culprits.size === 0) {
    const [error] = gate.newErrors(ledger.current);
    for (const segment of ledger.applied)
      culprits.set(keyOf(segment), `${error!.code}: ${quoteCode(error!.message, 120)}`);
  }
  return culprits;
}

/**
 * The type facts of the file as read, for a pass over rewritten text: a range outside every
 * change so far is mapped back to where it was; one inside a rewritten part has no answer.
 */
function factsOfCurrentText(facts: TypeFacts, ledger: Ledger<ChangeMeta>): TypeFacts {
  if (ledger.applied.length === 0) return facts;
  const map = (range: Range): Range | undefined => {
    const projected = ledger.project(range.start, range.end, "");
    return projected.merged.length === 0
      ? { start: projected.start, end: projected.end }
      : undefined;
  };
  return {
    typeOf: (range) => {
      const mapped = map(range);
      return mapped && facts.typeOf(mapped);
    },
    functionOf: (range) => {
      const mapped = map(range);
      return mapped && facts.functionOf(mapped);
    },
    acceptsAbsent: (range, absent) => {
      const mapped = map(range);
      return mapped && facts.acceptsAbsent(mapped, absent);
    },
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
