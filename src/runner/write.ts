import { createHash, randomBytes } from "node:crypto";
import { closeSync, constants, openSync, unlinkSync } from "node:fs";
import { access, chmod, chown, open, readFile, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { isMainThread } from "node:worker_threads";

export function sha256(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Why a file was deliberately not written (as opposed to an I/O failure). */
export class WriteRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WriteRefusedError";
  }
}

/**
 * Replaces a file's content all at once: writes a temporary file beside it, flushes it to disk,
 * gives it the original's mode, checks the original still has the content that was read (by
 * hash), then renames it over the original. A crash at any point leaves the old file or the new
 * one, never a mix; a file edited meanwhile is left alone.
 */
export async function writeFileAtomic(
  file: string,
  text: string,
  expectedSha256: string,
): Promise<void> {
  const info = await stat(file);
  if (!(await isWritableFile(file, info.mode)))
    throw new WriteRefusedError("the file is read-only (no write permission)");
  await replaceAtomically(file, text, {
    mode: info.mode & 0o7777,
    owner: info,
    beforeRename: async () => {
      if (sha256(await readFile(file)) !== expectedSha256)
        throw new WriteRefusedError("the file changed on disk since it was read");
    },
  });
}

/**
 * Whether a file may be replaced. A rename would replace a read-only file all the same, so its
 * mode says no as well as access() does (which always says yes to root).
 */
export async function isWritableFile(file: string, mode: number): Promise<boolean> {
  if ((mode & 0o222) === 0) return false;
  return access(file, constants.W_OK).then(
    () => true,
    () => false,
  );
}

export interface ReplaceOptions {
  /** The new file's mode; without it, the default for a new file (0o666 less the umask). */
  mode?: number;
  /** Give the new file this owner and group, when they are not this process's (best effort). */
  owner?: { uid: number; gid: number };
  /** Last check before the rename; throwing leaves the file as it was. */
  beforeRename?: () => Promise<void>;
}

/** Writes `text` to a temporary file beside `file`, flushes it, and renames it over `file`. */
export async function replaceAtomically(
  file: string,
  text: string,
  options: ReplaceOptions = {},
): Promise<void> {
  const temp = path.join(path.dirname(file), temporaryName(path.basename(file)));
  const done = beginWrite(temp);
  let renamed = false;
  try {
    // Created here, synchronously, and only reopened below: once `abandonWrites` has removed
    // it, nothing in flight can bring it back.
    closeSync(openSync(temp, "wx", options.mode ?? 0o666));
    const handle = await open(temp, "r+");
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    const owner = options.owner;
    // Run as root over someone else's files, the new file would otherwise belong to root.
    // (Before chmod: chown clears set-user-ID bits.)
    if (owner && (owner.uid !== process.getuid?.() || owner.gid !== process.getgid?.()))
      await chown(temp, owner.uid, owner.gid).catch(() => undefined);
    // The mode given to open() is narrowed by the umask; chmod sets it exactly.
    if (options.mode !== undefined) await chmod(temp, options.mode);
    await options.beforeRename?.();
    await rename(temp, file);
    renamed = true;
    await syncDirectory(path.dirname(file));
  } finally {
    if (!renamed) await unlink(temp).catch(() => undefined);
    done();
  }
}

/**
 * `.<name>.lazymod-<pid>-<random>.tmp`, with the name cut short so that the temporary name stays
 * within the 255-byte limit of file names however long the original's is.
 */
function temporaryName(base: string): string {
  let short = "";
  for (const char of base) {
    if (Buffer.byteLength(short + char) > 64) break;
    short += char;
  }
  return `.${short}.lazymod-${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
}

/** Makes the rename itself durable; best effort (not every platform can open a directory). */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // ignore
  }
}

// ---------------------------------------------------------------------------------------------
// Exiting at once (a second Ctrl-C) without leaving a temporary file behind. The main thread
// knows its own temporary files, and removes them; a signal handler runs between two steps of a
// write, never inside one. A worker thread's writes cannot be seen from the main thread, so each
// counts itself, for as long as its temporary file may exist, in a counter shared with the main
// thread, and starts only while the process is not exiting; `abandonWrites` forbids new writes,
// then waits for the counter to reach zero.

const ABANDONED = 0;
const WORKER_WRITES = 1;

/** Shared with the worker threads (see `adoptWriteGuard`). */
let guard: Int32Array = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));

/** This thread's temporary files, in the main thread. */
const ownTemporaryFiles = new Set<string>();

/** The state a worker thread needs to take part (it crosses the thread boundary shared, not copied). */
export function writeGuard(): Int32Array {
  return guard;
}

/** In a worker thread: count this thread's writes with the main thread's. */
export function adoptWriteGuard(shared: Int32Array): void {
  guard = shared;
}

/** Registers a write about to create `temp`; returns what to call once `temp` is gone. */
function beginWrite(temp: string): () => void {
  if (isMainThread) {
    if (Atomics.load(guard, ABANDONED) !== 0) throw exiting();
    ownTemporaryFiles.add(temp);
    return () => ownTemporaryFiles.delete(temp);
  }
  Atomics.add(guard, WORKER_WRITES, 1);
  const done = () => {
    Atomics.sub(guard, WORKER_WRITES, 1);
    Atomics.notify(guard, WORKER_WRITES);
  };
  // Counted first, checked second: `abandonWrites` sets the flag first and reads the count
  // second, so either it waits for this write or this write sees the flag and does not start.
  if (Atomics.load(guard, ABANDONED) === 0) return done;
  done();
  throw exiting();
}

function exiting(): WriteRefusedError {
  return new WriteRefusedError("lazymod is exiting; not written");
}

/** Longest wait for the writes in progress in worker threads: each is one small file. */
const ABANDON_WAIT_MS = 1000;

/**
 * For a process about to exit at once (a second Ctrl-C), in the main thread: no write starts
 * any more, in any thread; this thread's temporary files are removed (their originals stay as
 * they were), and the writes in progress in worker threads are waited for, synchronously and at
 * most a second. So neither a torn file nor a temporary one is left behind.
 */
export function abandonWrites(timeoutMs = ABANDON_WAIT_MS): void {
  Atomics.store(guard, ABANDONED, 1);
  for (const temp of ownTemporaryFiles) {
    try {
      unlinkSync(temp);
    } catch {
      // not created yet, or already renamed into place
    }
  }
  const deadline = performance.now() + timeoutMs;
  for (let writing = Atomics.load(guard, WORKER_WRITES); writing > 0;) {
    const left = deadline - performance.now();
    if (left <= 0) return;
    Atomics.wait(guard, WORKER_WRITES, writing, left);
    writing = Atomics.load(guard, WORKER_WRITES);
  }
}
