import type { Summary } from "./core/result.js";

export const EXIT_OK = 0;
const EXIT_CHECK_FOUND = 1;
export const EXIT_FAILURE = 2;

export interface ExitOptions {
  /** `--check`: changes at or below the threshold make the exit code 1. */
  check: boolean;
  /** `--fail-on-parse-error`: a file lazymod could not parse makes the exit code 2. */
  failOnParseError: boolean;
  /** `--report-unused-ignores=error`: the unused ignore comments found, which make the exit code 1. */
  unusedIgnoreErrors?: number;
}

/**
 * A run's exit code (usage errors are the CLI's): 2 when a file could not be read or written or
 * lazymod failed on it, then 1 when `--check` found changes (or `--report-unused-ignores=error`
 * found an unused ignore comment), else 0. A file lazymod could not
 * parse is 2 only with `failOnParseError`: unlike ESLint's or Prettier's, lazymod's parser is not
 * the project's own, so such a file is more often syntax lazymod does not read than broken code
 * (which the project's compiler reports), and it must not hide what `--check` found.
 */
export function exitCode(
  summary: Pick<Summary, "filesFailed" | "filesUnparsed" | "applicable">,
  options: ExitOptions,
): number {
  if (summary.filesFailed > 0) return EXIT_FAILURE;
  if (options.failOnParseError && summary.filesUnparsed > 0) return EXIT_FAILURE;
  if (options.check && summary.applicable > 0) return EXIT_CHECK_FOUND;
  if ((options.unusedIgnoreErrors ?? 0) > 0) return EXIT_CHECK_FOUND;
  return EXIT_OK;
}
