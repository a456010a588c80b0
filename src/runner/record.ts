import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import canonicalize from "canonicalize";
import type { LoadedConfig } from "../config.js";
import type { Target } from "../core/types.js";
import { toolVersion } from "../version.js";
import { SAFE_GIT_CONFIG } from "./discover.js";
import { workTreeRoot } from "./repository.js";
import type { Shard } from "./shard.js";
import { sha256 } from "./write.js";

const exec = promisify(execFile);

/**
 * Where a run was made, as far as it tells one tree from another: in a git work tree, the
 * directory of it and the commit checked out (so two clones of one commit agree, and a report of
 * another project or another commit does not); elsewhere, the absolute directory.
 */
export type RunRoot =
  { kind: "git"; directory: string; commit?: string } | { kind: "directory"; path: string };

/** The options that decide what a run finds. */
export interface RunRecordOptions {
  maxRisk: number;
  /** `--target` (or the configuration's); absent: each file's tsconfig decides. */
  target?: Target;
  write: boolean;
  /** The transforms asked for (`--transforms` or the configuration); absent: all. */
  transforms?: string[];
  since?: string;
  /** The configuration used: its label, and a digest of its (canonical) content. */
  config?: { file: string; digest: string };
}

/** What a run was, recorded in its JSON report, so reports of shards can be checked before merging. */
export interface RunRecord {
  tool: { name: "lazymod"; version: string };
  root: RunRoot;
  /** The paths given (default `.`). */
  paths: string[];
  /** This run's share of the files (`--shard k/n`); absent for a whole run. */
  shard?: Shard;
  options: RunRecordOptions;
  /** The transforms that ran. */
  transforms: string[];
}

export interface RunRecordInput {
  cwd: string;
  paths: readonly string[];
  shard?: Shard;
  options: Omit<RunRecordOptions, "config">;
  config?: LoadedConfig;
  transforms: readonly string[];
}

/** The record of a run in `cwd` (looks up the work tree and, with git, its commit). */
export async function runRecord(input: RunRecordInput): Promise<RunRecord> {
  return {
    tool: { name: "lazymod", version: toolVersion() },
    root: await runRoot(input.cwd),
    paths: input.paths.length > 0 ? [...input.paths] : ["."],
    ...(input.shard ? { shard: { index: input.shard.index, count: input.shard.count } } : {}),
    options: {
      ...input.options,
      ...(input.config
        ? {
            config: {
              file: input.config.label,
              digest: `sha256:${sha256(canonicalize(input.config.config) ?? "")}`,
            },
          }
        : {}),
    },
    transforms: [...input.transforms],
  };
}

async function runRoot(cwd: string): Promise<RunRoot> {
  const root = workTreeRoot(cwd);
  if (!root) return { kind: "directory", path: path.resolve(cwd) };
  const relative = path.relative(root, path.resolve(cwd));
  const directory = relative === "" ? "." : relative.split(path.sep).join("/");
  const commit = await headCommit(root);
  return { kind: "git", directory, ...(commit ? { commit } : {}) };
}

/** The commit checked out; undefined before the first commit, or without git. */
async function headCommit(root: string): Promise<string | undefined> {
  try {
    const { stdout } = await exec(
      "git",
      [...SAFE_GIT_CONFIG, "-C", root, "rev-parse", "--verify", "--quiet", "HEAD"],
      { encoding: "utf8" },
    );
    const commit = stdout.trim();
    return /^[0-9a-f]{40,64}$/.test(commit) ? commit : undefined;
  } catch {
    return undefined;
  }
}
