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
 * A matcher for globs relative to `base`, read the way .gitignore reads its lines: a pattern with
 * a slash at its start or middle is anchored to `base` (`src/legacy/**`, `/build.js`); one without
 * matches a file or directory name at any depth (`*.spec.ts`, `generated`); a trailing slash
 * matches directories only (`generated/`); whatever is inside a matched directory is matched.
 * Dotfiles match like any other file.
 */
export function globMatcher(patterns: readonly string[], base: string): (file: string) => boolean {
  const rules = patterns.map((pattern) => {
    const directoryOnly = pattern.endsWith("/");
    let core = pattern.replace(/\/+$/, "").replace(/^\.\//, "");
    const anchored = core.includes("/");
    core = core.replace(/^\//, "");
    return { directoryOnly, anchored, matches: picomatch(core, { dot: true }) };
  });
  return (file) => {
    const relative = path.relative(base, file).split(path.sep).join("/");
    if (relative === "" || relative === ".." || relative.startsWith("../")) return false;
    const segments = relative.split("/");
    return rules.some((rule) => {
      // Every directory containing the file, then the file itself (unless directories only).
      const last = rule.directoryOnly ? segments.length - 1 : segments.length;
      for (let i = 1; i <= last; i++) {
        const candidate = rule.anchored ? segments.slice(0, i).join("/") : segments[i - 1]!;
        if (rule.matches(candidate)) return true;
      }
      return false;
    });
  };
}
