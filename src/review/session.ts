import { readFileSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../core/errors.js";
import { withoutBom } from "../core/text.js";
import type { Band } from "../core/types.js";
import { writeOutputFile } from "../output.js";
import { planDigest, PLAN_KIND, type Plan } from "../plan/plan.js";
import type { SortOrder } from "../reporters/order.js";
import { sha256 } from "../runner/write.js";
import { toolVersion } from "../version.js";
import { newReview, reviewItems, type Decision, type ReviewState } from "./decisions.js";

// A review session on disk, written (atomically) after every key that decides something, so that
// a review stopped by Ctrl-C, a closed terminal or a crash loses nothing and can be resumed. It
// holds the whole plan under review, so resuming needs neither the scan nor the plan file again.

const SESSION_KIND = "lazymod-review-session";
export const DEFAULT_SESSION_FILE = ".lazymod-review.json";

/** What the review does with the accepted changes when it ends. */
export type ReviewOutput = { kind: "write" } | { kind: "plan"; file: string };

interface SessionData {
  version: 1;
  kind: typeof SESSION_KIND;
  tool: { name: "lazymod"; version: string };
  /** What was reviewed: the changes of a scan, or a saved plan (its file and digest). */
  source: { kind: "scan"; paths: string[] } | { kind: "plan"; file: string; digest: string };
  output: ReviewOutput;
  sort: SortOrder;
  bands?: Band[];
  /** The directory the plan's paths are read from (absolute). */
  base: string;
  plan: Plan;
  decisions: Array<{ key: string; decision: Decision }>;
  history: string[][];
}

export interface Session {
  file: string;
  data: Omit<SessionData, "decisions" | "history">;
  state: ReviewState;
}

function sessionJson(session: Session): string {
  const data: SessionData = {
    ...session.data,
    decisions: [...session.state.decisions].map(([key, decision]) => ({ key, decision })),
    history: session.state.history,
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}

export async function saveSession(session: Session): Promise<void> {
  await writeOutputFile(session.file, sessionJson(session));
}

export async function removeSession(session: Session): Promise<void> {
  await rm(session.file, { force: true });
}

/** The session file in a directory, if there is one (for the "a review is in progress" check). */
export function existingSession(file: string): { decided: number; total: number } | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    const data = JSON.parse(withoutBom(text)) as Partial<SessionData>;
    const total = data.plan ? reviewItems(data.plan, data.sort ?? "path", data.bands).length : 0;
    return { decided: data.decisions?.length ?? 0, total };
  } catch {
    return { decided: 0, total: 0 };
  }
}

/** Why a change's file can no longer be reviewed from the session: it changed since. */
export interface StaleFile {
  path: string;
  reason: string;
}

/**
 * Reads a session to resume it. Refused (a UsageError naming the file and the reason) when it is
 * not a session, was made by another lazymod, or its plan no longer matches its digest (edited or
 * damaged). A file of the plan whose content changed since the review started (its sha256 differs
 * from the plan's, or it is gone) invalidates that file's part of the session: its decisions and
 * changes are dropped and listed in `stale`, the rest is resumed.
 */
export async function loadSession(file: string): Promise<{ session: Session; stale: StaleFile[] }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new UsageError(
      `no review session to resume: ${file} does not exist (start one with "lazymod review [paths]")`,
    );
  }
  let data: SessionData;
  try {
    data = JSON.parse(withoutBom(text)) as SessionData;
  } catch (error) {
    throw new UsageError(
      `${file} is not a review session: not valid JSON (${(error as Error).message})`,
    );
  }
  if (data?.kind !== SESSION_KIND || data.version !== 1 || data.plan?.kind !== PLAN_KIND)
    throw new UsageError(`${file} is not a lazymod review session`);
  if (data.tool?.version !== toolVersion())
    throw new UsageError(
      `${file} was made by lazymod ${data.tool?.version ?? "(unknown)"}, this is ${toolVersion()}: start the review again (delete the file, or use --restart)`,
    );
  let digest: string | undefined;
  try {
    digest = planDigest(data.plan);
  } catch {
    digest = undefined;
  }
  if (digest !== data.plan.digest)
    throw new UsageError(
      `${file}: its plan does not match its digest (edited or damaged): start the review again (delete the file, or use --restart)`,
    );
  const stale = await staleFiles(data.plan, data.base);
  const plan = withoutFiles(data.plan, stale);
  const state = newReview(reviewItems(plan, data.sort, data.bands));
  const keys = new Set(state.items.map((item) => item.key));
  for (const { key, decision } of data.decisions ?? [])
    if (keys.has(key)) state.decisions.set(key, decision);
  state.history = (data.history ?? [])
    .map((step) => step.filter((key) => keys.has(key)))
    .filter((step) => step.length > 0);
  const { decisions: _d, history: _h, ...rest } = data;
  return { session: { file, data: { ...rest, plan }, state }, stale };
}

/**
 * The plan without the stale files, sealed again (so that a session saved with it still checks);
 * the plan itself when none is stale.
 */
export function withoutFiles(plan: Plan, stale: readonly StaleFile[]): Plan {
  if (stale.length === 0) return plan;
  const gone = new Set(stale.map((s) => s.path));
  const left = { ...plan, files: plan.files.filter((f) => !gone.has(f.path)) };
  return { ...left, digest: planDigest(left) };
}

/** The plan's files with changes whose bytes are no longer the ones the plan was made from. */
export async function staleFiles(plan: Plan, base: string): Promise<StaleFile[]> {
  const stale: StaleFile[] = [];
  for (const file of plan.files) {
    if (!file.changes.some((c) => c.status !== "report")) continue;
    let bytes: Buffer;
    try {
      bytes = await readFile(path.resolve(base, file.path));
    } catch {
      stale.push({ path: file.path, reason: "no longer exists" });
      continue;
    }
    if (sha256(bytes) !== file.sha256)
      stale.push({ path: file.path, reason: "changed since the review started" });
  }
  return stale;
}
