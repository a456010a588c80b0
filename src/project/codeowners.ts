import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileErrorReason, UsageError } from "../core/errors.js";

/**
 * A repository's CODEOWNERS, read as GitHub reads it (its documentation, "About code owners"):
 * the first of `.github/CODEOWNERS`, `CODEOWNERS` and `docs/CODEOWNERS`; one rule per line, a
 * gitignore-style pattern then owners (`@user`, `@org/team`, an email); `#` starts a comment,
 * at the start of a line or after a rule; the last rule that matches a path decides its owners,
 * and a rule without owners leaves the paths it matches unowned. Unlike .gitignore, `!` does not
 * negate, `[ ]` is no character range, and `\#` does not escape a comment; GitHub skips a line it
 * cannot read (so does this, and says which). Paths are case-sensitive.
 */
export interface Codeowners {
  /** The file read (absolute). */
  file: string;
  rules: CodeownersRule[];
  /** Lines skipped, each with its number and why (GitHub skips them too). */
  problems: Array<{ line: number; reason: string }>;
}

export interface CodeownersRule {
  pattern: string;
  /** As written, in order; empty: the paths it matches have no owner. */
  owners: string[];
  line: number;
  matches: (repositoryPath: string) => boolean;
}

/** Where GitHub looks, in its order; the first that exists is used. */
const CODEOWNERS_LOCATIONS = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

/** GitHub does not load a CODEOWNERS file of this size or more. */
const MAX_BYTES = 3 * 1024 * 1024;

/** The CODEOWNERS of the repository whose root is `root`; a UsageError when there is none. */
export function readCodeowners(root: string): Codeowners {
  for (const location of CODEOWNERS_LOCATIONS) {
    const file = path.join(root, location);
    let size: number;
    try {
      const info = statSync(file);
      if (!info.isFile()) continue;
      size = info.size;
    } catch {
      continue;
    }
    if (size >= MAX_BYTES)
      throw new UsageError(
        `${location} is ${Math.round(size / 1048576)} MB: GitHub does not load a CODEOWNERS file of 3 MB or more`,
      );
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      throw new UsageError(`${location}: cannot read (${fileErrorReason(error)})`);
    }
    return { file, ...parseCodeowners(text) };
  }
  throw new UsageError(
    `no CODEOWNERS file in ${root} (GitHub reads ${CODEOWNERS_LOCATIONS.join(", ")})`,
  );
}

export function parseCodeowners(text: string): Pick<Codeowners, "rules" | "problems"> {
  const rules: CodeownersRule[] = [];
  const problems: Codeowners["problems"] = [];
  text.split("\n").forEach((raw, index) => {
    const line = index + 1;
    const content = raw.replace(/\r$/, "").trim();
    if (content === "" || content.startsWith("#")) return;
    const parsed = parseRule(content);
    if ("problem" in parsed) problems.push({ line, reason: parsed.problem });
    else rules.push({ ...parsed, line });
  });
  return { rules, problems };
}

const OWNER_FORMS = [
  /^@[A-Za-z0-9](?:[A-Za-z0-9_-]*)$/, // @user
  /^@[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9_.-]+$/, // @org/team
  /^[^\s@]+@[^\s@]+\.[^\s@]+$/, // email
];

function parseRule(content: string): Omit<CodeownersRule, "line"> | { problem: string } {
  // The pattern runs to the first whitespace not escaped with a backslash; a `#` anywhere
  // starts a comment (a backslash does not escape it).
  let pattern = "";
  let i = 0;
  for (; i < content.length; i++) {
    const char = content[i]!;
    if (char === "#") break;
    if (char === "\\" && i + 1 < content.length && content[i + 1] !== "#") {
      pattern += char + content[i + 1];
      i++;
      continue;
    }
    if (/\s/.test(char)) break;
    pattern += char;
  }
  const rest = content.slice(i);
  const owners = rest.split("#")[0]!.split(/\s+/).filter(Boolean);
  if (pattern === "") return { problem: "no pattern before the comment" };
  if (/(?:^|[^\\])(?:\\\\)*\\$/.test(pattern))
    return {
      problem: `"${pattern}": a backslash does not escape "#" in CODEOWNERS, so the rest of the line is a comment`,
    };
  if (pattern.startsWith("!"))
    return { problem: `"${pattern}": a pattern cannot be negated with "!" in CODEOWNERS` };
  if (/[[\]]/.test(pattern.replace(/\\./g, "")))
    return { problem: `"${pattern}": "[ ]" character ranges do not work in CODEOWNERS` };
  if (pattern.includes("***"))
    return { problem: `"${pattern}": three asterisks in a row are not a pattern` };
  const invalid = owners.find((owner) => !OWNER_FORMS.some((form) => form.test(owner)));
  if (invalid !== undefined)
    return {
      problem: `"${invalid}" is not an owner (@user, @org/team or an email address)`,
    };
  return { pattern, owners, matches: patternMatcher(pattern) };
}

/** The owners of a repository path (`/`-separated, from the root): the last matching rule's. */
export function ownersOf(rules: readonly CodeownersRule[], repositoryPath: string): string[] {
  for (let i = rules.length - 1; i >= 0; i--)
    if (rules[i]!.matches(repositoryPath)) return rules[i]!.owners;
  return [];
}

/**
 * A CODEOWNERS pattern as a test of a path. The rules, as GitHub applies them:
 * - a pattern with a slash at its start or in its middle is anchored at the root; one without
 *   (`*.js`, `build/`) matches at any depth;
 * - a pattern that names a file or a directory matches it and everything under it; a trailing
 *   slash matches directories only (`logs/` is everything under any `logs`);
 * - `*` is any run of characters within one path segment, `?` one character; a last segment
 *   that is a lone `*` matches the entries of that directory, not those nested deeper
 *   (`docs/*` owns `docs/a.md`, not `docs/sub/b.md`); a lone `*` pattern matches everything;
 * - `**` is any number of segments: `**\/x` at any depth, `x/**` everything under `x`,
 *   `a/**\/b` with any directories between;
 * - a backslash makes the next character literal.
 */
export function patternMatcher(pattern: string): (repositoryPath: string) => boolean {
  if (pattern === "/") return () => false;
  let segments = pattern.split("/");
  if (segments[0] === "") segments = segments.slice(1);
  else if (segments.length === 1 || (segments.length === 2 && segments[1] === "")) {
    // One segment, perhaps with a trailing slash: at any depth.
    if (segments[0] !== "**") segments = ["**", ...segments];
  }
  if (segments.length > 1 && segments[segments.length - 1] === "")
    segments[segments.length - 1] = "**";
  const last = segments.length - 1;
  let source = "^";
  let separator = false;
  segments.forEach((segment, i) => {
    if (segment === "**") {
      if (i === 0 && i === last) source += ".+";
      else if (i === 0) source += "(?:.+/)?";
      else if (i === last) source += "/.*";
      else source += "(?:/.+)?";
      separator = i !== 0;
      return;
    }
    if (separator) source += "/";
    separator = true;
    if (segment === "*") {
      source += "[^/]+";
      return;
    }
    source += segmentSource(segment);
    // A name matches that entry and what is inside it.
    if (i === last) source += "(?:/.*)?";
  });
  const regex = new RegExp(`${source}$`, "u");
  return (repositoryPath) => regex.test(repositoryPath);
}

function segmentSource(segment: string): string {
  let source = "";
  for (let i = 0; i < segment.length; i++) {
    const char = segment[i]!;
    if (char === "\\" && i + 1 < segment.length) source += escapeRegExp(segment[++i]!);
    else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else source += escapeRegExp(char);
  }
  return source;
}

function escapeRegExp(char: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(char) ? `\\${char}` : char;
}
