import { createHash, randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, chmod, chown, open, readFile, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";

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
  const mode = info.mode & 0o7777;
  // A rename would replace a read-only file all the same; its mode says not to (even for root).
  const writable =
    (mode & 0o222) !== 0 &&
    (await access(file, constants.W_OK).then(
      () => true,
      () => false,
    ));
  if (!writable) throw new WriteRefusedError("the file is read-only (no write permission)");
  const temp = path.join(path.dirname(file), temporaryName(path.basename(file)));
  let renamed = false;
  try {
    const handle = await open(temp, "wx", mode);
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    // Run as root over someone else's files, the new file would otherwise belong to root.
    // (Before chmod: chown clears set-user-ID bits.)
    if (info.uid !== process.getuid?.() || info.gid !== process.getgid?.())
      await chown(temp, info.uid, info.gid).catch(() => undefined);
    await chmod(temp, mode);
    const current = await readFile(file);
    if (sha256(current) !== expectedSha256)
      throw new WriteRefusedError("the file changed on disk since it was read");
    await rename(temp, file);
    renamed = true;
    await syncDirectory(path.dirname(file));
  } finally {
    if (!renamed) await unlink(temp).catch(() => undefined);
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
