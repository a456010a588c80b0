import { BOM } from "../core/text.js";
import { formatPatch, OMIT_HEADERS, structuredPatch } from "diff";
import type { Change } from "../core/types.js";
import type { RunResult } from "../core/result.js";

/** A path as git writes it in patch headers: C-quoted when it holds quotes, backslashes or control characters. */
function gitPath(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what git quotes
  if (!/["\\\u0000-\u001f\u007f]/.test(name)) return name;
  // eslint-disable-next-line no-control-regex -- as above
  const escaped = name.replace(/["\\\u0000-\u001f\u007f]/g, (c) => {
    const named: Record<string, string> = {
      '"': '\\"',
      "\\": "\\\\",
      "\t": "\\t",
      "\n": "\\n",
      "\r": "\\r",
    };
    return named[c] ?? `\\${c.charCodeAt(0).toString(8).padStart(3, "0")}`;
  });
  return `"${escaped}"`;
}

function prefixed(prefix: string, name: string): string {
  const quoted = gitPath(name);
  return quoted.startsWith('"') ? `"${prefix}${quoted.slice(1)}` : `${prefix}${quoted}`;
}

/** The text with the changes spliced in; offsets count after any BOM. */
export function applyChanges(source: string, changes: readonly Change[]): string {
  const bom = source.startsWith(BOM) ? BOM : "";
  const text = source.slice(bom.length);
  let out = "";
  let cursor = 0;
  for (const change of [...changes].sort((a, b) => a.start - b.start)) {
    out += text.slice(cursor, change.start) + change.replacement;
    cursor = change.end;
  }
  return bom + out + text.slice(cursor);
}

/**
 * A unified diff (git's format, paths prefixed a/ and b/) of every change at or below
 * --max-risk: what `--write` writes. `git apply` (or `patch -p1`) applies it from the directory
 * lazymod ran in.
 */
export function patchReport(result: RunResult): string {
  const parts: string[] = [];
  for (const file of result.files) {
    const changes = file.changes.filter((c) => c.status === "apply");
    if (changes.length === 0) continue;
    if (file.source === undefined) {
      // A result built by hand, or a share of a plan whose file changed since (lazymod split):
      // say so, git skips it.
      parts.push(
        `# lazymod: ${JSON.stringify(file.path)} has changes but no source text; not in this patch\n`,
      );
      continue;
    }
    const after = applyChanges(file.source, changes);
    const patch = structuredPatch(file.path, file.path, file.source, after, undefined, undefined, {
      context: 3,
    });
    if (patch.hunks.length === 0) continue;
    const a = prefixed("a/", file.path);
    const b = prefixed("b/", file.path);
    parts.push(`diff --git ${a} ${b}\n--- ${a}\n+++ ${b}\n${formatPatch(patch, OMIT_HEADERS)}`);
  }
  return parts.join("");
}
