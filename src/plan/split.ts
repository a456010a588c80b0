import { summarize, type RunResult } from "../core/result.js";
import { jsonReportData } from "../reporters/json.js";
import { reportedFile, type JsonReport } from "../runner/merge.js";
import { sha256 } from "../runner/write.js";
import { planDigest, type Plan, type PlannedFile, type PlanOrigin } from "./plan.js";

export type SplitBy = "codeowners" | "directory";
export const SPLIT_BY: readonly SplitBy[] = ["codeowners", "directory"];

/** What a share of a plan is, recorded in its plan (`split`). */
interface ShareRecord {
  /** The digest of the plan it is a share of. */
  of: string;
  by: SplitBy;
  /** The share's name (its files are `<name>.plan.json`, `.patch`, `.md`). */
  share: string;
  /** `--by codeowners`: the owners of every file in it (none: the unowned share). */
  owners?: string[];
  /** The directory its files are in (relative to the plan's origin; `.` for its top), when it is one directory's. */
  directory?: string;
  /** When one directory's files were cut into parts of `--max-files`: which part, from 1. */
  part?: number;
}

/** A plan that is a share of another. */
type SharePlan = Plan & { split: ShareRecord };

export interface Share {
  name: string;
  owners?: string[];
  directory?: string;
  part?: number;
  plan: SharePlan;
}

export interface SplitOptions {
  by: SplitBy;
  /** `--by codeowners`: the owners of a file, by its path in the plan. */
  ownersOf?: (planPath: string) => readonly string[];
  /** Most files in a share: a larger one is divided by directory, then cut in parts. */
  maxFiles?: number;
  /** The origin each share records (where its plan file is read from; default: the plan's). */
  origin?: PlanOrigin;
}

interface Group {
  owners?: string[];
  directory?: string;
  part?: number;
  files: PlannedFile[];
}

/**
 * A plan's shares: every file of the plan in exactly one, each file whole (all its changes), so
 * each share applies on its own and together they are the plan. `--by codeowners` groups files
 * by the owners CODEOWNERS gives them (unowned files together); `--by directory` by their
 * top-level directory (files at the top together). With `maxFiles`, a share with more files is
 * divided by the next directory level, as deep as needed, and the files of one directory that
 * still has more are cut, in path order, into parts. A file's share depends only on its path,
 * its owners and the files under the same directories, not on the order of anything: the same
 * plan always splits the same way.
 */
export function splitPlan(plan: Plan, options: SplitOptions): Share[] {
  const groups: Group[] = [];
  if (options.by === "directory") groups.push(...divide(plan.files, 0, options.maxFiles, true));
  else {
    const byOwners = new Map<string, { owners: string[]; files: PlannedFile[] }>();
    for (const file of plan.files) {
      const owners = [...new Set(options.ownersOf?.(file.path) ?? [])].sort();
      const key = owners.join(" ");
      const group = byOwners.get(key) ?? { owners, files: [] };
      group.files.push(file);
      byOwners.set(key, group);
    }
    for (const { owners, files } of byOwners.values())
      for (const part of divide(files, 0, options.maxFiles, false))
        groups.push({ ...part, owners });
  }
  const names = uniqueNames(groups.map((group) => [shareName(group), identity(group)] as const));
  return groups
    .map((group, i) => {
      const name = names[i]!;
      const record: ShareRecord = {
        of: plan.digest,
        by: options.by,
        share: name,
        ...(group.owners ? { owners: group.owners } : {}),
        ...(group.directory !== undefined ? { directory: group.directory } : {}),
        ...(group.part !== undefined ? { part: group.part } : {}),
      };
      return {
        name,
        ...(group.owners ? { owners: group.owners } : {}),
        ...(group.directory !== undefined ? { directory: group.directory } : {}),
        ...(group.part !== undefined ? { part: group.part } : {}),
        plan: sharePlan(plan, sortedByPath(group.files), record, options.origin ?? plan.origin),
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function sortedByPath(files: readonly PlannedFile[]): PlannedFile[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Files divided by the directory at `depth` (their first `depth + 1` segments) when there are
 * more than `maxFiles` of them (or always, with `force`): each directory again one level deeper,
 * the files directly in the directory at `depth` as one group, or in parts of `maxFiles`.
 */
function divide(
  files: readonly PlannedFile[],
  depth: number,
  maxFiles: number | undefined,
  force: boolean,
): Group[] {
  const within = (file: PlannedFile) => file.path.split("/").slice(0, depth).join("/") || ".";
  if (!force && (maxFiles === undefined || files.length <= maxFiles))
    return [{ ...(depth > 0 ? { directory: within(files[0]!) } : {}), files: [...files] }];
  const directories = new Map<string, PlannedFile[]>();
  const direct: PlannedFile[] = [];
  for (const file of files) {
    const segments = file.path.split("/");
    if (segments.length - 1 > depth) {
      const directory = segments.slice(0, depth + 1).join("/");
      directories.set(directory, [...(directories.get(directory) ?? []), file]);
    } else direct.push(file);
  }
  const groups: Group[] = [];
  for (const [directory, inside] of directories)
    groups.push(
      ...divide(inside, depth + 1, maxFiles, false).map((group) => ({
        directory,
        ...group,
      })),
    );
  if (direct.length > 0) {
    const directory = within(direct[0]!);
    const sorted = sortedByPath(direct);
    if (maxFiles === undefined || sorted.length <= maxFiles)
      groups.push({ directory, files: sorted });
    else
      for (let start = 0, part = 1; start < sorted.length; start += maxFiles, part++)
        groups.push({ directory, part, files: sorted.slice(start, start + maxFiles) });
  }
  return groups;
}

/** `@acme.api--packages-api--2`: owners, directory and part, in characters safe in a file name. */
function shareName(group: Group): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9@._+-]+/g, "_");
  const pieces: string[] = [];
  if (group.owners)
    pieces.push(
      group.owners.length === 0
        ? "unowned"
        : group.owners.map((owner) => safe(owner.replaceAll("/", "."))).join("+"),
    );
  if (group.directory !== undefined)
    pieces.push(group.directory === "." ? "top" : safe(group.directory.replaceAll("/", "-")));
  if (group.part !== undefined) pieces.push(String(group.part));
  return pieces.join("--").replace(/^\.+/, "_");
}

/** What tells a share from every other, whatever its name: its owners, directory and part. */
function identity(group: Group): string {
  return JSON.stringify([group.owners ?? null, group.directory ?? null, group.part ?? null]);
}

/**
 * Names made unique: a name two shares would have (`@a/b` and `@a.b` are both `@a.b`) gets a
 * short digest of each one's identity, so it does not depend on the other shares.
 */
function uniqueNames(named: ReadonlyArray<readonly [string, string]>): string[] {
  const counts = new Map<string, number>();
  for (const [name] of named) counts.set(name, (counts.get(name) ?? 0) + 1);
  return named.map(([name, id]) =>
    counts.get(name)! > 1 ? `${name}-${sha256(id).slice(0, 8)}` : name,
  );
}

/**
 * A share as a plan of its own: the plan's tool, options, transforms and origin, these files
 * with their sha256 and changes as they are, a summary of them, the record of the share, and a
 * digest of it all (so `lazymod apply` takes it as it takes any plan).
 */
function sharePlan(
  plan: Plan,
  files: PlannedFile[],
  split: ShareRecord,
  origin: PlanOrigin,
): SharePlan {
  const content = {
    version: plan.version,
    kind: plan.kind,
    tool: plan.tool,
    options: plan.options,
    origin,
    transforms: plan.transforms,
    split,
    files,
    summary: shareSummary(plan, files),
  };
  const { version, kind, ...rest } = content;
  return { version, kind, digest: planDigest(content), ...rest };
}

/** The summary of a share's files (counts of its own files and changes, not of the whole run). */
function shareSummary(plan: Plan, files: readonly PlannedFile[]): Record<string, unknown> {
  // A plan's files are its JSON report's files, as planData wrote them.
  const reports = files.map((file) => reportedFile(file as unknown as JsonReport["files"][number]));
  const result: RunResult = {
    tool: plan.tool,
    cwd: ".",
    files: reports,
    summary: summarize(reports),
    elapsedMs: 0,
    maxRisk: plan.options.maxRisk,
    write: false,
    warnings: [],
    transforms: plan.transforms,
    transformInfo: [],
    jobs: 1,
  };
  return jsonReportData(result).summary;
}
