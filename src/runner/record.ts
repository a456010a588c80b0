import type { RunRecord, RunRecordOptions, RunRoot } from "../core/result.js";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import canonicalize from "canonicalize";
import { toolVersion } from "../version.js";
import { SAFE_GIT_CONFIG } from "./discover.js";
import { workTreeRoot } from "./repository.js";
import type { Shard } from "../core/result.js";
import { sha256 } from "./write.js";

const exec = promisify(execFile);

export interface RunRecordInput {
  cwd: string;
  paths: readonly string[];
  shard?: Shard;
  options: Omit<RunRecordOptions, "config">;
  /** The configuration used: how messages name its file, and what it says (as checked). */
  config?: { label: string; config: unknown };
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
