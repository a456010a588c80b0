import { parseArgs } from "node:util";
import { UsageError } from "./core/errors.js";

/** The command line's options: one table for parsing and for `--help`. */
export interface OptionSpec {
  name: string;
  type: "boolean" | "string";
  short?: string;
  /** May be given more than once. */
  multiple?: boolean;
  /** Placeholder shown in help for string options. */
  value?: string;
  /** A string option that may be given bare (`--name`), meaning this value (`--name=<value>`). */
  implied?: string;
  default?: string;
  description: string;
}

export const OPTIONS = [
  {
    name: "write",
    type: "boolean",
    description: "Write the changes at or below --max-risk (default: dry run, nothing is written)",
  },
  {
    name: "format-changed",
    type: "string",
    value: "<auto|prettier|biome|oxfmt>",
    implied: "auto",
    description:
      "With --write, run the project's own formatter (its node_modules/.bin binary and its configuration; this executes the project's code) on each file lazymod changes, when the file passed the formatter before; auto picks the nearest configured one",
  },
  {
    name: "max-risk",
    type: "string",
    value: "<0-100|low|medium|high>",
    default: "low",
    description:
      "Highest risk score applied by --write (low = 24, medium = 59, high = 100); riskier changes are reported as held back",
  },
  {
    name: "transforms",
    type: "string",
    value: "<id,…>",
    description: "Run only these transforms (default: all; see --list)",
  },
  {
    name: "list",
    type: "boolean",
    description: "List the transforms with a one-line description, and exit",
  },
  {
    name: "format",
    type: "string",
    value: "<text|compact|json|markdown|sarif|github|patch>",
    default: "text",
    description:
      "Report format: text, compact (one line per change: path:line:column: message [transform score band]), json, markdown (a pull-request comment), sarif (SARIF 2.1.0), github (Actions annotations), patch (a diff for git apply)",
  },
  {
    name: "sort",
    type: "string",
    value: "<path|risk|impact>",
    default: "path",
    description:
      "Order of the changes in the text, compact and markdown reports: path (file, then position), risk (highest score first), impact (ORM loads with no filter or limit first, then changes in loops and request handlers, test files last)",
  },
  {
    name: "band",
    type: "string",
    value: "<low,medium,high>",
    description:
      "Only changes of these risk bands: the others are not applied, written, reported, planned or counted by --check (the summary counts them as outside --band)",
  },
  {
    name: "exclude-tests",
    type: "boolean",
    description:
      'Leave test files out: not scanned, counted as skipped (test files: the configuration\'s "tests" globs, default **/*.test.*, **/*.spec.*, **/__tests__/**)',
  },
  {
    name: "include-tests",
    type: "boolean",
    description: 'Scan test files even when the configuration says "excludeTests": true',
  },
  {
    name: "output",
    type: "string",
    value: "<file>",
    description:
      "Write the report to this file instead of stdout, and print the summary on the terminal (never over a scanned file or a read-only one; a replaced file keeps its mode)",
  },
  {
    name: "plan",
    type: "string",
    value: "<file>",
    description:
      'Also save the run as a plan (the JSON report plus version, options and transforms) for "lazymod apply"; cannot be combined with --write',
  },
  {
    name: "since",
    type: "string",
    value: "<git-ref>",
    description:
      "Only files changed since the branch left <git-ref> (merge base), including uncommitted and untracked, not ignored files",
  },
  {
    name: "changed-lines",
    type: "boolean",
    description:
      "With --since: only the changes that touch a line added or modified since the merge base (committed, staged, unstaged or untracked; renames followed) are reported in every format and counted by --check; the others are counted as outside the diff. Cannot be combined with --write",
  },
  {
    name: "config",
    type: "string",
    value: "<file>",
    description:
      'Read this configuration file (default: the nearest lazymod.config.json, or package.json "lazymod" key, up to the repository root)',
  },
  { name: "no-config", type: "boolean", description: "Ignore configuration files" },
  {
    name: "types",
    type: "boolean",
    description:
      "Judge files with findings with the project's TypeScript program too (its tsconfig.json or jsconfig.json, and the project's own typescript, else lazymod's): proofs that settle risk factors, refutations that leave code alone, and a type-check gate that holds back a change adding a compiler error. Programs are built only for the files types can change: those the compiler checks, those whose judgement asked what only types answer, and those with code only types can judge, such as a copy of a Set from another file (default: on)",
  },
  {
    name: "no-types",
    type: "boolean",
    description: "Judge every file on its own (faster; no proofs and no type-check gate)",
  },
  {
    name: "target",
    type: "string",
    value: "<es2020|es2021|es2022|es2023|es2024|es2025>",
    default: "each file's nearest tsconfig.json/jsconfig.json (its target and lib), else es2022",
    description:
      "Language level the rewritten code may use: Object.hasOwn needs es2022, findLast es2023",
  },
  {
    name: "check",
    type: "boolean",
    description: "Exit with code 1 if any change at or below --max-risk is found (for CI)",
  },
  {
    name: "fail-on-parse-error",
    type: "boolean",
    description:
      "Exit with code 2 if a file could not be parsed (by default such files are reported and counted as not parsed, and do not change the exit code)",
  },
  {
    name: "cache",
    type: "boolean",
    description:
      "Reuse each file's result from the last run when nothing it depends on changed: its content, lazymod's version and code, the options, the transforms, the configuration, its tsconfig chain and formatting configuration, and with types its program's inputs (compiler, tsconfig chain, every file it read or looked for)",
  },
  {
    name: "cache-location",
    type: "string",
    value: "<file|dir/>",
    default: ".lazymodcache",
    description:
      "The cache file; in a directory (one that exists, or a path ending with /), .lazymodcache-<digest of the working directory>. A file that is not a lazymod cache is neither used nor replaced",
  },
  {
    name: "cache-strategy",
    type: "string",
    value: "<metadata|content>",
    default: "metadata",
    description:
      "metadata: a file whose size, times and inode are those it had when it was read (and which had not changed for 2 s then) is not read again; any other is read and hashed. content: every file is read and hashed",
  },
  {
    name: "jobs",
    type: "string",
    value: "<n>",
    default: "available parallelism − 1",
    description:
      "Most worker threads for parsing: the first 200 files that need parsing are parsed in the main thread, then one worker is started per 200 more; 1 keeps everything in the main thread (easiest to debug)",
  },
  {
    name: "shard",
    type: "string",
    value: "<k/n>",
    description:
      "Process only share k of n (a stable hash of each path), e.g. one machine of a CI matrix; combine the JSON reports with `lazymod merge`",
  },
  {
    name: "report-unused-ignores",
    type: "string",
    value: "<warn|error>",
    implied: "warn",
    description:
      "Warn about each ignore comment (or transform id in one) that suppressed nothing, in every format; =error also makes the exit code 1",
  },
  {
    name: "interactive",
    type: "boolean",
    short: "i",
    description: "Review the changes one at a time before anything is written: lazymod review",
  },
  {
    name: "no-progress",
    type: "boolean",
    description: "Do not show the progress line (shown on a terminal only, never in CI)",
  },
  {
    name: "verbose",
    type: "boolean",
    description: "Show stack traces of internal errors, and list each skipped file with its reason",
  },
  { name: "help", type: "boolean", short: "h", description: "Show this help" },
  { name: "version", type: "boolean", short: "v", description: "Show the version" },
] as const satisfies readonly OptionSpec[];

/** `lazymod apply <plan.json>`'s options. */
export const APPLY_OPTIONS = [
  {
    name: "expect-digest",
    type: "string",
    value: "<sha256:…>",
    description:
      "Apply the plan only if its digest is this one (the digest of the plan that was reviewed, as printed when it was made); otherwise refuse it and write nothing",
  },
  {
    name: "max-risk",
    type: "string",
    value: "<0-100|low|medium|high>",
    default: "the plan's --max-risk",
    description:
      "Apply the plan's changes scoring at most this, held-back ones included (low = 24, medium = 59, high = 100)",
  },
  {
    name: "only",
    type: "string",
    value: "<transform,…>",
    description: "Apply only these transforms' changes",
  },
  {
    name: "exclude-file",
    type: "string",
    multiple: true,
    value: "<glob>",
    description:
      "Leave files matching this glob alone (relative to the working directory; repeatable)",
  },
  {
    name: "format-changed",
    type: "string",
    value: "<auto|prettier|biome|oxfmt>",
    implied: "auto",
    description:
      "Run the project's own formatter (its node_modules/.bin binary and configuration; this executes the project's code) on each file written, when the file passed the formatter before",
  },
  {
    name: "types",
    type: "boolean",
    description:
      "Type-check each result with the project's TypeScript program (its tsconfig.json or jsconfig.json, the files as they are now) and hold back a change that adds a compiler error, naming it (default: on)",
  },
  {
    name: "no-types",
    type: "boolean",
    description: "Apply without the type check",
  },
  { name: "help", type: "boolean", short: "h", description: "Show this help" },
] as const satisfies readonly OptionSpec[];

/** `lazymod review [paths | plan.json]`'s options. */
export const REVIEW_OPTIONS = [
  {
    name: "plan",
    type: "string",
    value: "<file>",
    description:
      'Save the accepted changes as a plan (with its digest) for "lazymod apply", instead of writing them when the review ends',
  },
  {
    name: "resume",
    type: "boolean",
    description:
      "Resume the review session in progress (see --session): the decisions made so far are kept; files changed since are left out",
  },
  {
    name: "restart",
    type: "boolean",
    description: "Discard the review session in progress and start a new one",
  },
  {
    name: "session",
    type: "string",
    value: "<file>",
    default: ".lazymod-review.json in the working directory",
    description:
      "Where the session is kept: written after every decision, removed when the review ends",
  },
  {
    name: "expect-digest",
    type: "string",
    value: "<sha256:…>",
    description: "Review the plan file only if its digest is this one",
  },
  {
    name: "sort",
    type: "string",
    value: "<path|risk|impact>",
    default: "path",
    description: "The order the changes are offered in (see lazymod --help)",
  },
  {
    name: "band",
    type: "string",
    value: "<low,medium,high>",
    description: "Offer only changes of these risk bands",
  },
  {
    name: "max-risk",
    type: "string",
    value: "<0-100|low|medium|high>",
    default: "low",
    description:
      "Scanning: the threshold a change is marked applicable or held back by (both are offered)",
  },
  {
    name: "transforms",
    type: "string",
    value: "<id,…>",
    description: "Scanning: run only these transforms",
  },
  {
    name: "target",
    type: "string",
    value: "<es2020|es2021|es2022|es2023|es2024|es2025>",
    description: "Scanning: the language level the rewritten code may use",
  },
  {
    name: "since",
    type: "string",
    value: "<git-ref>",
    description: "Scanning: only files changed since the branch left <git-ref>",
  },
  {
    name: "config",
    type: "string",
    value: "<file>",
    description: "Scanning: this configuration file",
  },
  { name: "no-config", type: "boolean", description: "Scanning: ignore configuration files" },
  {
    name: "types",
    type: "boolean",
    description: "Scanning: judge with the project's types (default: on)",
  },
  { name: "no-types", type: "boolean", description: "Scanning: judge every file on its own" },
  { name: "exclude-tests", type: "boolean", description: "Scanning: leave test files out" },
  {
    name: "include-tests",
    type: "boolean",
    description: 'Scanning: scan test files even when the configuration says "excludeTests": true',
  },
  { name: "jobs", type: "string", value: "<n>", description: "Scanning: most worker threads" },
  {
    name: "format-changed",
    type: "string",
    value: "<auto|prettier|biome|oxfmt>",
    implied: "auto",
    description:
      "Run the project's own formatter (this executes the project's code) on each file the review writes",
  },
  {
    name: "no-progress",
    type: "boolean",
    description: "Do not show the progress line while scanning",
  },
  { name: "help", type: "boolean", short: "h", description: "Show this help" },
] as const satisfies readonly OptionSpec[];

export function reviewHelpText(version: string): string {
  return [
    `lazymod ${version} review: decide on each change, one at a time, before anything is written`,
    "",
    "Usage: lazymod review [options] [paths…]      scan, then review the changes found",
    "       lazymod review [options] <plan.json>   review a saved plan",
    "       lazymod review --resume                continue the session in progress",
    "",
    "Each change is shown with its diff, risk, reasons and proofs; then one key decides:",
    "  y yes   n no   e edit the replacement in $VISUAL/$EDITOR (it must parse)   a yes to the rest",
    "  of this file   d skip the rest of this file   u undo   q quit   ? help",
    "Every change with a fix is offered, held-back ones included: a yes is the reviewer's to give.",
    "",
    "When the review ends (every change decided, or q), the accepted changes are written, each file",
    "atomically and only if it still is as the plan read it (sha256) and the result parses, as",
    '"lazymod apply" writes; with --plan they are saved as a plan instead, to apply later. Changes',
    "left undecided are not applied.",
    "",
    "The session (every decision) is saved after each key; Ctrl-C stops the review without writing any",
    "source file, and lazymod review --resume continues it. A file changed since the review started is",
    "left out of the resumed session (its decisions too), and named.",
    "",
    "Options:",
    ...optionRows(REVIEW_OPTIONS),
    "",
    "Exit codes: 0 done; 2 usage error, no terminal, a plan refused, or a file refused when writing;",
    "130 stopped by Ctrl-C (SIGINT), 143 by SIGTERM (the session is kept).",
    "",
  ].join("\n");
}

/** `lazymod merge <report.json…>`'s options. */
export const MERGE_OPTIONS = [
  {
    name: "format",
    type: "string",
    value: "<text|compact|json|markdown|sarif|github|patch>",
    default: "text",
    description: "Format of the merged report on stdout",
  },
  {
    name: "check",
    type: "boolean",
    description: "Exit with code 1 if the merged report has a change at or below its --max-risk",
  },
  {
    name: "fail-on-parse-error",
    type: "boolean",
    description: "Exit with code 2 if a file could not be parsed in one of the runs",
  },
  { name: "verbose", type: "boolean", description: "Show more detail in the text report" },
  { name: "help", type: "boolean", short: "h", description: "Show this help" },
] as const satisfies readonly OptionSpec[];

/** `lazymod split <plan.json>`'s options. */
export const SPLIT_OPTIONS = [
  {
    name: "by",
    type: "string",
    value: "<codeowners|directory>",
    description:
      "codeowners: one share per set of owners CODEOWNERS gives the files (GitHub's syntax and precedence: the last matching rule wins; .github/CODEOWNERS, CODEOWNERS, then docs/CODEOWNERS), unowned files in their own; directory: one share per top-level directory, files at the top in their own",
  },
  {
    name: "max-files",
    type: "string",
    value: "<n>",
    description:
      "Most files in a share: a larger one is divided by the next directory level, as deep as needed, and a directory that still has more files is cut, in path order, into parts",
  },
  {
    name: "output-dir",
    type: "string",
    value: "<dir>",
    default: "<plan>-by-<codeowners|directory> beside the plan",
    description:
      "Where the shares go: <share>.plan.json, <share>.patch and <share>.md for each, and split.json listing them (a directory holding an earlier split is replaced; any other that is not empty is refused)",
  },
  { name: "help", type: "boolean", short: "h", description: "Show this help" },
] as const satisfies readonly OptionSpec[];

/** The values parsed with an option table, typed from it. */
export type ParsedOptions<T extends readonly OptionSpec[]> = {
  [O in T[number] as O["name"]]?: O extends { multiple: true }
    ? string[]
    : O["type"] extends "string"
      ? string
      : boolean;
};

/** Parses argv with an option table; a bad option is a usage error. */
/** The environment variable that sets the memory budget of one TypeScript program (MiB). */
const TYPES_MEMORY_VARIABLE = "LAZYMOD_TYPES_MEMORY_MB";

/**
 * The memory budget of one TypeScript program from the environment (`LAZYMOD_TYPES_MEMORY_MB`), or
 * undefined for the default. An environment variable rather than an option: it is a limit of the
 * machine a run is on (a CI runner's memory), not a choice about the code.
 */
export function typesMemoryFromEnvironment(
  environment: NodeJS.ProcessEnv = process.env,
): number | undefined {
  const value = environment[TYPES_MEMORY_VARIABLE];
  if (value === undefined || value === "") return undefined;
  const megabytes = Number(value);
  if (!Number.isFinite(megabytes) || megabytes <= 0)
    throw new UsageError(
      `${TYPES_MEMORY_VARIABLE} must be a positive number of MiB (the most heap one TypeScript program may take), got "${value}"`,
    );
  return megabytes;
}

export function parseCommandLine<const T extends readonly OptionSpec[]>(
  table: T,
  argv: string[],
): { values: ParsedOptions<T>; positionals: string[] } {
  const options = Object.fromEntries(
    table.map((o) => [
      o.name,
      { type: o.type, multiple: o.multiple === true, ...(o.short ? { short: o.short } : {}) },
    ]),
  );
  try {
    const { values, positionals } = parseArgs({
      args: withImpliedValues(table, argv),
      options,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedOptions<T>, positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** `--format-changed` → `--format-changed=auto` for options with an implied value (before any `--`). */
function withImpliedValues(table: readonly OptionSpec[], argv: string[]): string[] {
  const end = argv.indexOf("--");
  return argv.map((arg, i) => {
    if (end !== -1 && i > end) return arg;
    const option = table.find((o) => o.implied !== undefined && arg === `--${o.name}`);
    return option ? `${arg}=${option.implied}` : arg;
  });
}

function optionRows(table: readonly OptionSpec[]): string[] {
  const rows = table.map((option) => {
    const value = option.value
      ? option.implied !== undefined
        ? `[=${option.value}]`
        : ` ${option.value}`
      : "";
    const flag = `${option.short ? `-${option.short}, ` : "    "}--${option.name}${value}`;
    const description = option.default
      ? `${option.description} (default: ${option.default})`
      : option.description;
    return [flag, description] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  return rows.map(([flag, description]) => `  ${flag.padEnd(width)}${description}`);
}

export function applyHelpText(version: string): string {
  return [
    `lazymod ${version} apply: apply a saved plan exactly, without detecting anything again`,
    "",
    "Usage: lazymod apply [options] <plan.json>",
    "",
    "A plan carries a digest of its content: a plan whose content does not match it (edited or damaged",
    "after it was made), or, with --expect-digest, whose digest is not the expected one, is refused and",
    "nothing is written. Plans without a digest (made before lazymod sealed them) are refused too.",
    "",
    "The plan's paths are read from the directory it was made in, recorded relative to the root of its",
    "git work tree (or, outside any, to the plan file's directory): from another directory of the same",
    "work tree, or in another clone, apply says where it applies in one line. If none of the plan's",
    "files is there, it is refused in one line.",
    "",
    "Each file is re-read: one whose sha256 differs from the plan's is refused (the others are applied);",
    "changes already applied are recognised, so applying a plan twice does nothing. Files are written",
    "atomically and only if the result parses.",
    "",
    "Options:",
    ...optionRows(APPLY_OPTIONS),
    "",
    "Ctrl-C (or SIGTERM) stops after the file in progress and lists the files not started; run the",
    "same command again for the rest.",
    "",
    "Exit codes: 0 done (or nothing to do); 2 usage error, a plan refused (digest, or no file found),",
    "at least one file refused, or a change held back for a compiler error; 130 stopped by Ctrl-C",
    "(SIGINT), 143 stopped by SIGTERM.",
    "",
  ].join("\n");
}

export function mergeHelpText(version: string): string {
  return [
    `lazymod ${version} merge: combine the JSON reports of several shards (--shard k/n) into one report`,
    "",
    "Usage: lazymod merge [options] <report.json…>",
    "",
    "Each report is the output of a run with --format json --shard k/n, for every k of one n, over the",
    "same tree. Each records its run (tool version, root and commit, paths, options, transforms, shard):",
    "reports that differ in anything but their shard, a shard given twice or missing, a whole run among",
    "shards, a report without that record, or a file in two reports (the shards overlap) are refused",
    "(exit 2), naming the report.",
    "",
    "Options:",
    ...optionRows(MERGE_OPTIONS),
    "",
    "Exit codes: 0 done; 1 --check found changes; 2 usage error, or a file failed in one of the runs",
    "(a file that could not be parsed only with --fail-on-parse-error).",
    "",
  ].join("\n");
}

export function splitHelpText(version: string): string {
  return [
    `lazymod ${version} split: one plan per owner or directory, each applicable on its own`,
    "",
    "Usage: lazymod split <plan.json> --by <codeowners|directory> [--max-files <n>] [--output-dir <dir>]",
    "",
    "Every file of the plan goes to exactly one share, with all its changes: the shares together are",
    "the plan, and each is a plan of its own (its own digest, the plan's origin, each file's sha256)",
    'that "lazymod apply" applies, with a patch (what apply would write) and a Markdown report for',
    "its reviewers. A file's share depends only on its path, its owners and (with --max-files) the",
    "files under the same directories: the same plan always splits the same way.",
    "",
    "Options:",
    ...optionRows(SPLIT_OPTIONS),
    "",
    "Exit codes: 0 done; 2 usage error, a plan refused (digest), or a file that changed since the",
    "plan (its share's plan is written, its patch lacks the file: make a new plan).",
    "",
  ].join("\n");
}

export function helpText(version: string): string {
  return [
    `lazymod ${version}: find eager evaluation (whole arrays built to ask one small question) and rewrite it lazily`,
    "",
    "Usage: lazymod [options] [paths…]   (default path: .)",
    "       lazymod apply [options] <plan.json>   (see lazymod apply --help)",
    "       lazymod review [options] [paths… | plan.json]   (one change at a time; see lazymod review --help)",
    "       lazymod merge <report.json…> [--format <format>] [--check]   (combine the JSON reports of several shards)",
    "       lazymod split <plan.json> --by <codeowners|directory> [--max-files <n>]   (one plan per owner or directory)",
    "",
    "Without --write this is a dry run: it prints every change with its diff and risk, and writes nothing.",
    "",
    "Options:",
    ...optionRows(OPTIONS),
    "",
    "Ignore comments: // lazymod-ignore-next-line [transform-id…]   // lazymod-ignore-line [transform-id…]",
    "                 /* lazymod-disable [transform-id…] */",
    'Configuration: lazymod.config.json or package.json "lazymod" (JSON: transforms, maxRisk, target, ignore,',
    "tests, excludeTests, orm, nonNullAssertions); options given here win over it.",
    "",
    "Ctrl-C (or SIGTERM) stops after the file in progress, prints what was done and what was not, and exits;",
    "a second one exits at once. No file is ever left half-written.",
    "",
    `Environment: ${TYPES_MEMORY_VARIABLE}=<MiB> caps the heap one TypeScript program may take (default 1536);`,
    "a program over it is given up with a warning, and its files are judged file by file.",
    "",
    "Exit codes: 0 done; 1 --check found changes (or --report-unused-ignores=error found an unused ignore",
    "comment); 2 usage error, or a file lazymod could not read or write",
    "or failed on; 130 stopped by Ctrl-C (SIGINT), 143 stopped by SIGTERM (the report is partial).",
    "A file lazymod cannot parse is reported and counted as not parsed; it makes the exit code 2 only",
    "with --fail-on-parse-error.",
    "",
  ].join("\n");
}
