import { execFile } from "node:child_process";
import { realpathSync } from "node:fs";
import { lstat, stat } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../core/errors.js";
import { promisify } from "node:util";

const run = promisify(execFile);

const SOURCE_EXTENSIONS = ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"] as const;

/** Directories never scanned: dependencies, VCS data and build output. */
const SKIPPED_DIRECTORIES = ["node_modules", ".git", "dist", "build", "coverage"] as const;

export interface SkippedPath {
  path: string;
  reason: string;
}

export interface Discovery {
  /** Absolute paths of the files to process, sorted, without duplicates. */
  files: string[];
  /** Paths skipped by rule before reading (directories by name, unsupported explicit files). */
  skipped: SkippedPath[];
}

// Matches what is inside a skipped directory but not the directory itself, so it can be counted:
// the walk lists the directory and its entries' names (one readdir), and goes no deeper.
const DIRECTORY_CONTENTS = SKIPPED_DIRECTORIES.map((dir) => `**/${dir}/**/*`);

function hasSourceExtension(file: string): boolean {
  return (SOURCE_EXTENSIONS as readonly string[]).includes(
    path.extname(file).slice(1).toLowerCase(),
  );
}

/**
 * The files under the given paths: directories are walked (respecting .gitignore, never following
 * symlinks, never entering node_modules/.git/dist/build/coverage); explicit files are always
 * taken. A path that does not exist is a usage error.
 */
export async function discoverFiles(paths: readonly string[], cwd: string): Promise<Discovery> {
  const files = new Set<string>();
  const skipped: SkippedPath[] = [];
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    const info = await lstat(absolute).catch(() => undefined);
    if (!info) throw new UsageError(`${given}: no such file or directory`);
    const target = info.isSymbolicLink() ? await stat(absolute).catch(() => undefined) : info;
    if (!target) {
      skipped.push({ path: absolute, reason: "broken symbolic link" });
    } else if (target.isDirectory()) {
      const listed = await listDirectory(absolute);
      if (listed.ignored)
        skipped.push({ path: absolute, reason: "directory ignored by .gitignore" });
      for (const file of listed.files) files.add(file);
      skipped.push(...(listed.skipped ?? []));
      for (const dir of listed.skippedDirectories)
        skipped.push({ path: dir, reason: `${path.basename(dir)}/ directory` });
    } else if (!target.isFile()) {
      skipped.push({ path: absolute, reason: "not a regular file" });
    } else if (!hasSourceExtension(absolute)) {
      skipped.push({ path: absolute, reason: "not a JavaScript or TypeScript file" });
    } else {
      files.add(absolute);
    }
  }
  return { files: [...files].sort(), skipped };
}

/**
 * The discovered file that `file` is, or leads to through symbolic links (either side may go
 * through one), if any. Only files of the same name are resolved, so it costs next to nothing.
 */
export function scannedFileAt(file: string, files: readonly string[]): string | undefined {
  const real = realPath(file);
  const names = new Set([path.basename(file), ...(real ? [path.basename(real)] : [])]);
  return files.find(
    (candidate) =>
      names.has(path.basename(candidate)) &&
      (candidate === file || (real !== undefined && realPath(candidate) === real)),
  );
}

function realPath(file: string): string | undefined {
  try {
    return realpathSync.native(file);
  } catch {
    return undefined;
  }
}

interface Listing {
  files: string[];
  /** Entries found but not taken (symbolic links, FIFOs), with the reason. */
  skipped?: SkippedPath[];
  skippedDirectories: string[];
  /** The directory itself is ignored by git (so nothing in it is listed). */
  ignored?: boolean;
}

/**
 * Inside a git work tree, `git ls-files` gives git's exact ignore rules and is much faster than
 * walking the tree; elsewhere globby walks it, reading .gitignore files.
 */
async function listDirectory(dir: string): Promise<Listing> {
  return (await listWithGit(dir)) ?? (await listWithGlobby(dir));
}

/**
 * Options that keep git from running anything the scanned repository configures: a
 * `core.fsmonitor` command would otherwise run on every `ls-files`.
 */
export const SAFE_GIT_CONFIG = ["-c", "core.fsmonitor=false", "-c", "core.untrackedCache=false"];

async function listWithGit(dir: string): Promise<Listing | undefined> {
  const git = async (...args: string[]) =>
    (
      await run("git", [...SAFE_GIT_CONFIG, "-C", dir, ...args], {
        maxBuffer: 1 << 30,
        encoding: "utf8",
      })
    ).stdout;
  let listed: string;
  let deleted: string;
  try {
    if ((await git("rev-parse", "--is-inside-work-tree")).trim() !== "true") return undefined;
    listed = await git("ls-files", "-z", "--cached", "--others", "--exclude-standard");
    deleted = await git("ls-files", "-z", "--deleted");
  } catch {
    return undefined; // not a repository, or no git: fall back to walking
  }
  const gone = new Set(deleted.split("\0"));
  const files: string[] = [];
  const skippedDirectories = new Set<string>();
  for (const relative of new Set(listed.split("\0"))) {
    if (relative === "" || gone.has(relative) || !hasSourceExtension(relative)) continue;
    const segments = relative.split("/");
    const skippedAt = segments.findIndex(
      (segment, i) => i < segments.length - 1 && isSkippedDirectory(segment),
    );
    if (skippedAt !== -1) {
      skippedDirectories.add(path.join(dir, ...segments.slice(0, skippedAt + 1)));
      continue;
    }
    files.push(path.join(dir, ...segments));
  }
  const ignored =
    files.length === 0 &&
    (await git("check-ignore", "-q", ".").then(
      () => true,
      () => false,
    ));
  return { files, skippedDirectories: [...skippedDirectories].sort(), ignored };
}

function isSkippedDirectory(name: string): boolean {
  return (SKIPPED_DIRECTORIES as readonly string[]).includes(name);
}

async function listWithGlobby(dir: string): Promise<Listing> {
  const { globby, isIgnoredByIgnoreFiles, convertPathToPattern } = await import("globby");
  const files: string[] = [];
  const skipped: SkippedPath[] = [];
  // Every entry, not `onlyFiles`: that would drop symbolic links silently, and each link that
  // could lead to source is reported as not followed.
  const entries = await globby("**/*", {
    cwd: dir,
    absolute: true,
    dot: true,
    followSymbolicLinks: false,
    ignore: DIRECTORY_CONTENTS,
    onlyFiles: false,
    objectMode: true,
  });
  // globby's own `gitignore: true` walks the tree once more for the .gitignore files and stats
  // every entry it returns: over 200,000 files that took 13 s and 1 GiB. The .gitignore files
  // found by this one walk, applied with each entry's own dirent, give git's rules in 2 s.
  // Ignored directories are walked (only the skipped ones are pruned), their files not taken.
  const ignoreFiles = entries
    .filter((entry) => entry.dirent.name === ".gitignore" && entry.dirent.isFile())
    .map((entry) => convertPathToPattern(path.relative(dir, entry.path).split(path.sep).join("/")));
  const isIgnored =
    ignoreFiles.length > 0 ? await isIgnoredByIgnoreFiles(ignoreFiles, { cwd: dir }) : () => false;
  const skippedDirectories: string[] = [];
  for (const entry of entries) {
    const file = path.normalize(entry.path);
    // Named in the summary whether or not a .gitignore covers them.
    if (entry.dirent.isDirectory() && isSkippedDirectory(entry.dirent.name)) {
      skippedDirectories.push(file);
      continue;
    }
    if (isIgnored(file) || (entry.dirent.isDirectory() && isIgnored(`${file}${path.sep}`)))
      continue;
    if (entry.dirent.isSymbolicLink()) {
      if (hasSourceExtension(file) || (await stat(file).catch(() => undefined))?.isDirectory())
        skipped.push({ path: file, reason: "symbolic link (not followed)" });
    } else if (entry.dirent.isFile() && hasSourceExtension(file)) {
      files.push(file);
    } else if (!entry.dirent.isDirectory() && hasSourceExtension(file)) {
      skipped.push({ path: file, reason: "not a regular file" }); // a FIFO, socket or device
    }
    // A directory named like a source file (`x.ts/`) is walked, not read.
  }
  return { files, skipped, skippedDirectories: skippedDirectories.sort() };
}
