import { accessSync, constants, lstatSync, realpathSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import type { Stats } from "node:fs";
import path from "node:path";
import { fileErrorReason, UsageError } from "./core/errors.js";
import { isWritableFile, replaceAtomically } from "./runner/write.js";

/** Where a report or plan named `file` goes, and what is there now. */
interface OutputTarget {
  /** The file to replace: `file` itself, or the file its symbolic links lead to. */
  path: string;
  /** What is there (following links); undefined when nothing is. */
  existing?: Stats;
  /** A symbolic link to nothing: writing would replace the link, not create what it names. */
  dangling?: true;
}

function outputTarget(file: string): OutputTarget {
  const absolute = path.resolve(file);
  const existing = statOrUndefined(absolute);
  if (!existing) {
    const dangling = lstatSync(absolute, { throwIfNoEntry: false })?.isSymbolicLink() === true;
    return dangling ? { path: absolute, dangling } : { path: absolute };
  }
  // Through a link, the file it leads to is replaced (as `> file` would write it), the link kept.
  return { path: existing.isFile() ? realpathSync.native(absolute) : absolute, existing };
}

/**
 * Refuses, before anything is written, a report or plan file that must not or cannot be written:
 * a directory, a read-only file, a symbolic link to nothing, a place whose directory lazymod may
 * not write in. (A file the run scans is refused by the run itself: see `RunOptions.outputs`.)
 */
export async function checkOutputFile(file: string, option: string): Promise<void> {
  const refuse = (reason: string) => new UsageError(`${option} ${file}: ${reason}`);
  const target = outputTarget(file);
  const { existing } = target;
  if (target.dangling) throw refuse("is a symbolic link to nothing");
  if (existing?.isDirectory()) throw refuse("is a directory");
  if (existing && !existing.isFile()) return; // a device or FIFO (/dev/stdout): written into
  if (existing && !(await isWritableFile(target.path, existing.mode)))
    throw refuse("is read-only; lazymod does not replace a read-only file");
  // The report is written beside its place and renamed there; missing directories are created.
  let dir = path.dirname(target.path);
  while (!statOrUndefined(dir)) dir = path.dirname(dir);
  if (!statOrUndefined(dir)!.isDirectory())
    throw refuse(`${path.relative(process.cwd(), dir) || dir} is not a directory`);
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch {
    throw refuse(`cannot write in ${path.relative(process.cwd(), dir) || dir} (permission denied)`);
  }
}

/** Whether two report/plan file names lead to the same file. */
export function isSameOutputFile(a: string, b: string): boolean {
  return outputTarget(a).path === outputTarget(b).path;
}

/**
 * Writes a report or plan file: creates its directory, writes a temporary file beside it and
 * renames it into place, so a reader never sees half a file. A file replaced keeps its mode
 * (and, written by root, its owner); through a symbolic link, the file it leads to is replaced
 * and the link kept; a device or FIFO (`/dev/stdout`) is written into. Errors name the file.
 */
export async function writeOutputFile(file: string, text: string): Promise<void> {
  try {
    const target = outputTarget(file);
    const { existing } = target;
    if (target.dangling) throw new Error("is a symbolic link to nothing");
    if (existing && !existing.isFile() && !existing.isDirectory()) {
      await writeFile(target.path, text, "utf8");
      return;
    }
    await mkdir(path.dirname(target.path), { recursive: true });
    await replaceAtomically(
      target.path,
      text,
      existing?.isFile() ? { mode: existing.mode & 0o7777, owner: existing } : {},
    );
  } catch (error) {
    throw new Error(`cannot write ${file}: ${fileErrorReason(error)}`, { cause: error });
  }
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}
