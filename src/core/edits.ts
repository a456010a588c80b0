import type * as t from "@babel/types";
import { layOut, renderRewrite, type Placed } from "../fix/layout.js";
import type { TransformContext } from "./context.js";
import type { Proposal, Transform } from "./define.js";
import { quoteCode } from "./quote.js";
import {
  CommonRisk,
  ENGINE_RISK_FACTORS,
  mergeRiskFactors,
  scoreRisk,
  type RiskFactorDefinitions,
} from "./risk.js";
import { type SuppressedMatch } from "./suppress.js";
import type { Risk, Rewrite } from "./types.js";
import type { InternalError } from "./types.js";

// The edits of one pass: each transform's proposals turned into candidates (a range of the text,
// its replacement laid out, its risk weighed), the ones that overlap set aside for the next pass,
// and the survivors spliced into the text.

export interface Candidate {
  proposal: Proposal;
  start: number;
  end: number;
  text: string;
  risk: Risk;
  fixable: boolean;
  /** The ignore comment that covers it, as a range of the text the candidate was found in. */
  suppressedBy?: { kind: SuppressedMatch["directive"]; start: number; end: number };
}

export function collectCandidates(
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
export function withoutOverlaps(candidates: readonly Candidate[]): Candidate[] {
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

export function splice(text: string, candidates: readonly Candidate[]): string {
  let result = "";
  let cursor = 0;
  for (const candidate of [...candidates].sort((a, b) => a.start - b.start)) {
    result += text.slice(cursor, candidate.start) + candidate.text;
    cursor = candidate.end;
  }
  return result + text.slice(cursor);
}
