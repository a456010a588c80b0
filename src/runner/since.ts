import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { SAFE_GIT_CONFIG } from "./discover.js";
import { UsageError } from "../core/errors.js";
import type { FileFilter } from "./filter.js";

const run = promisify(execFile);

export async function git(args: readonly string[], cwd: string): Promise<string> {
  const { stdout } = await run("git", [...SAFE_GIT_CONFIG, ...args], {
    cwd,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return stdout;
}

function firstLine(error: unknown): string {
  const { stderr, message, code } = error as { stderr?: string; message?: string; code?: string };
  if (code === "ENOENT") return "git is not installed or not on the PATH";
  return (stderr || message || String(error)).trim().split("\n")[0] ?? "";
}

/** Where a branch left `ref`: the work tree's top directory and the merge base of `ref` and HEAD. */
export interface MergeBase {
  /** The work tree's top directory (absolute). */
  top: string;
  /** The merge base commit. */
  base: string;
}

/**
 * The merge base of `ref` and HEAD (as in a pull request's diff), for `--since` (the option named
 * in messages). Usage errors name what is wrong: no work tree, an unknown ref, no common ancestor.
 */
export async function mergeBaseOf(
  ref: string,
  cwd: string,
  option = "--since",
): Promise<MergeBase> {
  if (ref.trim() === "" || ref.startsWith("-"))
    throw new UsageError(`${option} needs a git revision (a branch, tag or commit), got "${ref}"`);
  let toTop: string;
  try {
    toTop = (await git(["rev-parse", "--show-cdup"], cwd)).trim();
  } catch (error) {
    throw new UsageError(`${option} needs a git work tree: ${firstLine(error)}`);
  }
  let commit: string;
  try {
    commit = (await git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], cwd)).trim();
  } catch {
    throw new UsageError(
      `${option}: "${ref}" is not a commit in this repository (in CI, fetch it first, e.g. actions/checkout with fetch-depth: 0)`,
    );
  }
  let base: string;
  try {
    base = (await git(["merge-base", commit, "HEAD"], cwd)).trim();
  } catch (error) {
    throw new UsageError(
      `${option}: no common ancestor of "${ref}" and HEAD (${firstLine(error) || "a shallow clone?"}); fetch more history`,
    );
  }
  return { top: path.resolve(cwd, toTop), base };
}

/**
 * `--since <ref>`: the files changed on this branch since it left `ref` (the merge base of `ref`
 * and HEAD, as in a pull request's diff), including uncommitted changes, plus untracked files that
 * are not ignored. Deleted files are not listed. Paths are absolute, resolved from `cwd`.
 */
export async function changedFilesSince(ref: string, cwd: string): Promise<Set<string>> {
  const { top, base } = await mergeBaseOf(ref, cwd);
  const [changed, untracked] = await Promise.all([
    git(["diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", base, "--"], top),
    untrackedFiles(top),
  ]);
  const files = new Set<string>();
  for (const name of changed.split("\0")) if (name) files.add(path.resolve(top, name));
  for (const file of untracked) files.add(file);
  return files;
}

/** Untracked files that are not ignored (absolute paths), in the work tree whose top is `top`. */
export async function untrackedFiles(top: string): Promise<string[]> {
  const listed = await git(["ls-files", "--others", "--exclude-standard", "-z"], top);
  return listed
    .split("\0")
    .filter(Boolean)
    .map((name) => path.resolve(top, name));
}

/** A filter that keeps only the files changed since `ref`. */
export async function sinceFilter(ref: string, cwd: string): Promise<FileFilter> {
  const changed = await changedFilesSince(ref, cwd);
  return { accepts: (file) => changed.has(path.normalize(file)) };
}
