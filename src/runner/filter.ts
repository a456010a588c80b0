import path from "node:path";
import picomatch from "picomatch";
import type { SkippedPath } from "./discover.js";

/** Narrows the discovered files (configuration `ignore` globs, `--since`). */
export interface FileFilter {
  /** Whether to process the file (an absolute path). */
  accepts(file: string): boolean;
  /**
   * Why a file it rejects is skipped, counted in the summary. Without one, rejected files are left
   * out silently (as `--since` does with every file that did not change).
   */
  skipReason?: string;
}

/** Splits files into those every filter accepts and those skipped with a reason. */
export function applyFilters(
  files: readonly string[],
  filters: readonly FileFilter[] = [],
): { files: string[]; skipped: SkippedPath[] } {
  if (filters.length === 0) return { files: [...files], skipped: [] };
  const kept: string[] = [];
  const skipped: SkippedPath[] = [];
  for (const file of files) {
    const rejecting = filters.find((filter) => !filter.accepts(file));
    if (!rejecting) kept.push(file);
    else if (rejecting.skipReason) skipped.push({ path: file, reason: rejecting.skipReason });
  }
  return { files: kept, skipped };
}

/**
 * A matcher for globs relative to `base`, with gitignore's two conveniences: a pattern without a
 * slash matches a name at any depth (`*.spec.ts`), and a trailing slash means everything under a
 * directory (`generated/`). Dotfiles match like any other file.
 */
export function globMatcher(patterns: readonly string[], base: string): (file: string) => boolean {
  const expanded = patterns.map((pattern) => {
    const trimmed = pattern.startsWith("./") ? pattern.slice(2) : pattern;
    return trimmed.endsWith("/") ? `${trimmed}**` : trimmed;
  });
  const anchored = matcherOf(expanded.filter((p) => p.includes("/")));
  const byName = matcherOf(expanded.filter((p) => !p.includes("/")));
  return (file) => {
    const relative = path.relative(base, file).split(path.sep).join("/");
    if (relative.startsWith("../") || relative === "..") return false;
    if (anchored?.(relative)) return true;
    return byName !== undefined && relative.split("/").some((segment) => byName(segment));
  };
}

function matcherOf(patterns: string[]): ((text: string) => boolean) | undefined {
  return patterns.length > 0 ? picomatch(patterns, { dot: true }) : undefined;
}
