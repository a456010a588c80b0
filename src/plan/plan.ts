import canonicalize from "canonicalize";
import type { ChangeStatus, Impact, Risk, Target } from "../core/types.js";
import { jsonReportData } from "../reporters/json.js";
import type { RunResult } from "../core/result.js";
import { sha256 } from "../runner/write.js";
import { planOrigin, type PlanOrigin } from "./origin.js";

export type { PlanOrigin } from "./origin.js";

export const PLAN_KIND = "lazymod-plan";

/** The options a plan was made with, recorded in it. */
export interface PlanOptions {
  paths: string[];
  maxRisk: number;
  /** Given on the command line or in the configuration; absent when each file's tsconfig said. */
  target?: Target;
  /** `--since` ref, when given. */
  since?: string;
  /** `--changed-lines`: the plan holds only the changes on lines changed since `since`. */
  changedLines?: boolean;
  /** The configuration file used, relative to the working directory. */
  config?: string;
}

export interface PlannedChange {
  transform: string;
  line: number;
  column: number;
  start: number;
  end: number;
  replacement: string;
  original: string;
  message: string;
  status: ChangeStatus;
  risk: Risk;
  messageId?: string;
  includes?: string[];
  /** The hunk a reviewer read (an edited change: the one its new replacement makes). */
  diff?: string;
  impact?: Impact;
  /** In a reviewed plan: the reviewer replaced the replacement (`lazymod review`, key e). */
  edited?: boolean;
}

export interface PlannedFile {
  path: string;
  sha256?: string;
  error?: string;
  changes: PlannedChange[];
}

/** A saved plan: the JSON report (schema/report-v1) plus the tool, options and transform set. */
export interface Plan {
  version: 1;
  kind: typeof PLAN_KIND;
  /** `sha256:<hex>` of the rest of the plan; see planDigest. */
  digest: string;
  tool: { name: "lazymod"; version: string };
  options: PlanOptions;
  origin: PlanOrigin;
  transforms: string[];
  files: PlannedFile[];
  summary: Record<string, unknown>;
  /** A plan made by `lazymod review`: the changes a reviewer accepted of the plan it names. */
  review?: PlanReview;
}

/** What a reviewed plan records of its review. */
export interface PlanReview {
  /** The digest of the plan that was reviewed. */
  of: string;
  accepted: number;
  /** Of the accepted changes, those whose replacement the reviewer edited. */
  edited: number;
  rejected: number;
  /** Changes left undecided (the reviewer quit first), and findings without a fix: not in this plan. */
  undecided: number;
}

const DIGEST_PREFIX = "sha256:";

/**
 * A plan's digest: `sha256:` and the SHA-256, in hex, of the UTF-8 bytes of the plan without its
 * `digest` member, serialised by the JSON Canonicalization Scheme (RFC 8785: object members
 * sorted by key, no whitespace, strings and numbers as JSON.stringify writes them). So spacing,
 * indentation and the order of keys do not matter, and any other edit does: a replacement, a
 * range, a path, a sha256, a status, a risk, but also a message or a diff a reviewer read.
 * Throws for a value JSON cannot hold exactly (a lone surrogate, a non-finite number).
 */
export function planDigest(plan: object): string {
  const { digest: _digest, ...content } = plan as { digest?: unknown };
  const canonical = canonicalize(content);
  if (canonical === undefined) throw new Error("the plan is not a JSON object");
  return DIGEST_PREFIX + sha256(canonical);
}

/** `sha256:<hex>` or bare hex, in any case, as `sha256:<lowercase hex>`; undefined if neither. */
export function normaliseDigest(text: string): string | undefined {
  const hex = text
    .trim()
    .toLowerCase()
    .replace(/^sha256:/, "");
  return /^[0-9a-f]{64}$/.test(hex) ? DIGEST_PREFIX + hex : undefined;
}

/**
 * The plan of a dry run, its digest included. `origin` defaults to where `result.cwd` is: in its
 * git work tree, or else the plan file's directory taken to be `result.cwd` itself.
 */
export function planData(
  result: RunResult,
  options: PlanOptions,
  origin: PlanOrigin = planOrigin(result.cwd),
): Plan {
  const report = jsonReportData(result);
  const content: Omit<Plan, "digest"> = {
    version: report.version,
    kind: PLAN_KIND,
    tool: result.tool,
    options,
    origin,
    transforms: result.transforms,
    files: report.files as PlannedFile[],
    summary: report.summary,
  };
  const { version, kind, ...rest } = content;
  // The digest is written near the top, where a reviewer sees it; where it stands is not hashed.
  return { version, kind, digest: planDigest(content), ...rest };
}

/**
 * The plan of what a review accepted (`files`: the reviewed plan's files with only those changes,
 * each marked `apply`), sealed with its own digest; the rest of the reviewed plan (its tool,
 * options, transforms) is kept, and its summary counts only what is left. `origin`: where the
 * new plan's paths are read from, when it is saved elsewhere than the reviewed one.
 */
export function reviewedPlanData(
  reviewed: Plan,
  files: PlannedFile[],
  review: PlanReview,
  origin: PlanOrigin = reviewed.origin,
): Plan {
  const { digest: _digest, ...rest } = reviewed;
  const changes = files.flatMap((file) => file.changes);
  const byBand: Record<string, number> = { low: 0, medium: 0, high: 0 };
  const byTransform: Record<string, number> = {};
  for (const change of changes) {
    byBand[change.risk.band] = (byBand[change.risk.band] ?? 0) + 1;
    byTransform[change.transform] = (byTransform[change.transform] ?? 0) + 1;
  }
  const content: Omit<Plan, "digest"> = {
    ...rest,
    origin,
    files,
    summary: {
      ...reviewed.summary,
      filesChanged: files.length,
      filesWithFindings: files.length,
      filesWritten: 0,
      changes: changes.length,
      applicable: changes.length,
      heldBack: 0,
      reportOnly: 0,
      written: 0,
      byBand,
      byTransform,
    },
    review,
  };
  const { version, kind, ...tail } = content;
  return { version, kind, digest: planDigest(content), ...tail };
}

/** The plan of a dry run as JSON text (validates against schema/plan-v1.schema.json). */
export function planText(result: RunResult, options: PlanOptions, origin?: PlanOrigin): string {
  return planJson(planData(result, options, origin));
}

export function planJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
