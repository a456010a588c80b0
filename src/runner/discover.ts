import { globby } from "globby";
import { lstat, stat } from "node:fs/promises";
import path from "node:path";

export const SOURCE_EXTENSIONS = ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"] as const;

/** Directories never scanned: dependencies, VCS data and build output. */
export const SKIPPED_DIRECTORIES = ["node_modules", ".git", "dist", "build", "coverage"] as const;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

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

const DIRECTORY_IGNORES = SKIPPED_DIRECTORIES.map((dir) => `**/${dir}/**`);
// Matches what is inside a skipped directory but not the directory itself, so it can be counted.
const DIRECTORY_CONTENTS = SKIPPED_DIRECTORIES.map((dir) => `**/${dir}/**/*`);

export function hasSourceExtension(file: string): boolean {
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
      // Every entry, not `onlyFiles`: that would drop symbolic links silently, and each link
      // that could lead to source is reported as not followed.
      for (const entry of await globby("**/*", {
        cwd: absolute,
        absolute: true,
        dot: true,
        gitignore: true,
        followSymbolicLinks: false,
        ignore: DIRECTORY_IGNORES,
        onlyFiles: false,
        objectMode: true,
      })) {
        const file = path.normalize(entry.path);
        if (entry.dirent.isSymbolicLink()) {
          if (hasSourceExtension(file) || (await stat(file).catch(() => undefined))?.isDirectory())
            skipped.push({ path: file, reason: "symbolic link (not followed)" });
        } else if (entry.dirent.isFile() && hasSourceExtension(file)) {
          files.add(file);
        } else if (!entry.dirent.isDirectory() && hasSourceExtension(file)) {
          skipped.push({ path: file, reason: "not a regular file" }); // a FIFO, socket or device
        }
        // A directory named like a source file (`x.ts/`) is walked, not read.
      }
      for (const dir of await skippedDirectories(absolute))
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

/** The skipped directories themselves (not their contents), so the summary can name them. */
async function skippedDirectories(root: string): Promise<string[]> {
  const found = await globby(
    SKIPPED_DIRECTORIES.map((dir) => `**/${dir}`),
    {
      cwd: root,
      absolute: true,
      dot: true,
      onlyDirectories: true,
      followSymbolicLinks: false,
      gitignore: false,
      ignore: DIRECTORY_CONTENTS,
    },
  );
  return found.map((dir) => path.normalize(dir)).sort();
}
