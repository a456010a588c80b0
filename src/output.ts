import { randomBytes } from "node:crypto";
import { mkdir, rename, unlink, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Writes a report or plan file: creates its directory, writes a temporary file beside it and
 * renames it into place, so a reader never sees half a file. Errors name the file.
 */
export async function writeOutputFile(file: string, text: string): Promise<void> {
  const absolute = path.resolve(file);
  const temp = path.join(
    path.dirname(absolute),
    `.${path.basename(absolute)}.lazymod-${process.pid}-${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    await mkdir(path.dirname(absolute), { recursive: true });
    await writeFile(temp, text, "utf8");
    await rename(temp, absolute);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    const code = (error as { code?: string }).code;
    const reason =
      code === "EACCES" || code === "EPERM"
        ? "permission denied"
        : code === "EISDIR"
          ? "is a directory"
          : code === "ENOTDIR"
            ? "a parent is not a directory"
            : (error as Error).message;
    throw new Error(`cannot write ${file}: ${reason}`, { cause: error });
  }
}
