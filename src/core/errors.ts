/**
 * lazymod's one home for errors: the error of a bad option, configuration or input file (exit 2,
 * with a message naming the file and the reason), and one sentence per Node error code.
 */

/** A problem with what the user gave: an option, a configuration file, a plan, a report. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const REASONS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENOENT: "no such file",
  EISDIR: "is a directory",
  ENOTDIR: "a parent is not a directory",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  EEXIST: "already exists",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "the name is too long",
  EMFILE: "too many open files",
};

/** The Node error code of a file-system error (`ENOENT`, …), or undefined for any other error. */
export function fileErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/**
 * One sentence for a file operation's error: its code's (`EACCES` → "permission denied"), with
 * `wording` taking precedence for codes that mean something more precise where it happened
 * (`{ ENOENT: "no longer exists" }`); any other error's own message.
 */
export function fileErrorReason(
  error: unknown,
  wording: Readonly<Record<string, string>> = {},
): string {
  const code = fileErrorCode(error);
  const reason = code !== undefined ? (wording[code] ?? REASONS[code]) : undefined;
  if (reason !== undefined) return reason;
  return error instanceof Error ? error.message : String(error);
}
