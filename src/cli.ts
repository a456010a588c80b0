#!/usr/bin/env node
import pc from "picocolors";
import { EXIT_FAILURE, EXIT_OK, exitCode } from "./exit-codes.js";
import { helpText, OPTIONS, parseCommandLine, typesMemoryFromEnvironment } from "./options.js";
import path from "node:path";
import { checkOutputFile, isSameOutputFile, writeOutputFile } from "./output.js";
import { planOrigin } from "./plan/origin.js";
import { planData, planJson } from "./plan/plan.js";
import { mergeCommand } from "./commands/merge.js";
import { scanSetup } from "./commands/scan-setup.js";
import { applyCommandLine } from "./reporters/markdown.js";
import { reporters, textSummary } from "./reporters/index.js";
import { textFileReport } from "./reporters/text.js";
import { UsageError } from "./core/errors.js";
import { FORMAT_CHOICES, type FormatChoice } from "./runner/format-changed.js";
import { run } from "./runner/run.js";
import { type RunResult } from "./core/result.js";
import { runRecord } from "./runner/record.js";
import { parseShard } from "./runner/shard.js";
import { createProgress } from "./progress.js";
import { changedLinesSince } from "./runner/changed-lines.js";
import { CACHE_STRATEGIES, cacheFileFor, type CacheStrategy } from "./runner/cache.js";
import canonicalize from "canonicalize";
import { stopOnSignals } from "./signals.js";
import { toolVersion } from "./version.js";
import { transforms as allTransforms } from "../transforms/index.js";

function parse(argv: string[]) {
  return parseCommandLine(OPTIONS, argv);
}

function stringOption(values: Record<string, unknown>, name: string, fallback: string): string {
  const value = values[name];
  return typeof value === "string" ? value : fallback;
}

export async function main(argv: string[]): Promise<number> {
  try {
    return await execute(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`lazymod: ${error.message}\nRun "lazymod --help" for usage.\n`);
      return EXIT_FAILURE;
    }
    throw error;
  }
}

/**
 * `lazymod <command> …`: commands other than the default scan, each in src/commands/<name>.ts.
 * (To scan a directory named like a command, write `./apply`.)
 */
const SUBCOMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  // Loaded on demand: the default scan does not pay for the plan validator.
  apply: async (argv) => (await import("./commands/apply.js")).applyCommand(argv),
  merge: mergeCommand,
  // Loaded on demand too: the prompt library only for an interactive review.
  review: async (argv) => (await import("./commands/review.js")).reviewCommand(argv),
  split: async (argv) => (await import("./commands/split.js")).splitCommand(argv),
};

async function execute(argv: string[]): Promise<number> {
  const command = argv[0] !== undefined ? SUBCOMMANDS[argv[0]] : undefined;
  if (command) return command(argv.slice(1));
  const { values, positionals } = parse(argv);
  // `lazymod src --interactive` is `lazymod review src`, with the same options.
  if (values.interactive)
    return SUBCOMMANDS.review!(argv.filter((arg) => arg !== "--interactive" && arg !== "-i"));
  if (values.help) {
    process.stdout.write(helpText(toolVersion()));
    return EXIT_OK;
  }
  if (values.version) {
    process.stdout.write(`${toolVersion()}\n`);
    return EXIT_OK;
  }
  if (values.list) {
    const width = Math.max(...allTransforms.map((t) => t.id.length)) + 2;
    process.stdout.write(
      allTransforms.map((t) => `${t.id.padEnd(width)}${t.title}`).join("\n") + "\n",
    );
    return EXIT_OK;
  }
  const cwd = process.cwd();
  // The options only the default scan has, checked before the configuration is read.
  if (values.check && values.write)
    throw new UsageError("--check and --write cannot be combined: --check only reports");
  const formatChanged = values["format-changed"];
  if (formatChanged !== undefined && !FORMAT_CHOICES.includes(formatChanged as FormatChoice))
    throw new UsageError(
      `--format-changed must be one of ${FORMAT_CHOICES.join(", ")}, got "${formatChanged}"`,
    );
  if (formatChanged !== undefined && !values.write)
    throw new UsageError(
      "--format-changed formats what --write writes: add --write (it runs the project's formatter)",
    );
  if (values.plan !== undefined && values.write)
    throw new UsageError(
      '--plan and --write cannot be combined: a plan is reviewed first, then applied with "lazymod apply"',
    );
  const unusedIgnores = values["report-unused-ignores"];
  if (unusedIgnores !== undefined && unusedIgnores !== "warn" && unusedIgnores !== "error")
    throw new UsageError(`--report-unused-ignores must be warn or error, got "${unusedIgnores}"`);
  if (values["changed-lines"] && values.since === undefined)
    throw new UsageError(
      "--changed-lines needs --since <git-ref>: it keeps the changes on lines changed since the branch left that ref",
    );
  if (values["changed-lines"] && values.write)
    throw new UsageError(
      '--changed-lines and --write cannot be combined: --write writes every change of a file; save a plan (--plan) of the changed lines and apply it with "lazymod apply"',
    );
  // What every scan shares with `lazymod review`: configuration, risk, target, transforms, files.
  const setup = await scanSetup(values, positionals, cwd);
  const { loaded, selected } = setup;
  const { maxRisk } = setup.planOptions;
  const { target, transforms } = setup.options;
  const config = loaded?.config ?? {};
  const format = stringOption(values, "format", "text");
  const reporter = reporters[format];
  if (!reporter)
    throw new UsageError(
      `--format must be one of ${Object.keys(reporters).join(", ")}, got "${format}"`,
    );
  const changedLines = values["changed-lines"]
    ? await changedLinesSince(values.since!, cwd)
    : undefined;
  const shardText = stringOption(values, "shard", "");
  const shard = shardText === "" ? undefined : parseShard(shardText);
  if (shardText !== "" && !shard)
    throw new UsageError(`--shard must be k/n with 1 ≤ k ≤ n, got "${shardText}"`);
  // Before anything is written (with --write, source files): a report or plan that could not be
  // saved, or must not be, is refused now rather than after the run. (One that is a scanned file
  // is refused by the run, once it knows the files.)
  if (values.output !== undefined) await checkOutputFile(values.output, "--output");
  if (values.plan !== undefined) await checkOutputFile(values.plan, "--plan");
  if (values.output !== undefined && values.plan !== undefined) {
    if (isSameOutputFile(values.output, values.plan))
      throw new UsageError("--output and --plan name the same file");
  }
  if (
    !values.cache &&
    (values["cache-location"] !== undefined || values["cache-strategy"] !== undefined)
  )
    throw new UsageError(
      `${values["cache-location"] !== undefined ? "--cache-location" : "--cache-strategy"} needs --cache`,
    );
  const cacheStrategy = values["cache-strategy"] ?? "metadata";
  if (!CACHE_STRATEGIES.includes(cacheStrategy as CacheStrategy))
    throw new UsageError(
      `--cache-strategy must be one of ${CACHE_STRATEGIES.join(", ")}, got "${cacheStrategy}"`,
    );
  const cache = values.cache
    ? {
        location: cacheFileFor(values["cache-location"], cwd),
        strategy: cacheStrategy as CacheStrategy,
        // What the configuration says, besides what the options carry (they come from it too).
        key: { config: loaded ? canonicalize(loaded.config) : null },
      }
    : undefined;
  const outputs = [values.output, values.plan, cache?.location].filter(
    (file) => file !== undefined,
  );

  const color = pc.isColorSupported && process.stdout.isTTY === true;
  const verbose = Boolean(values.verbose);
  // The text report streams file by file (in path order) to the terminal; other formats, and any
  // report written to a file, are produced whole at the end.
  // Sorted by risk or impact, the text report can only be printed once every file is done.
  const streaming = format === "text" && values.output === undefined && selected.sort === "path";

  // From here on, the first SIGINT or SIGTERM stops the run, and the report says what was done.
  const signals = stopOnSignals();
  const progress = await createProgress(!values["no-progress"]);
  signals.onFirst = (signal) =>
    progress.note(
      `lazymod: ${signal}: stopping after the file in progress (${signal === "SIGINT" ? "Ctrl-C" : signal} again to exit at once)\n`,
    );
  signals.onExitNow = () => progress.stop();
  let result: RunResult;
  try {
    result = await run({
      ...setup.options,
      write: Boolean(values.write),
      ...(formatChanged !== undefined ? { formatChanged: formatChanged as FormatChoice } : {}),
      shard,
      ...(changedLines ? { changedLines } : {}),
      ...(cache ? { cache } : {}),
      typesMemoryMb: typesMemoryFromEnvironment(),
      signal: signals.signal,
      outputs,
      ...(unusedIgnores !== undefined ? { reportUnusedIgnores: true } : {}),
      onProgress: (report, done, total) => progress.update(report, done, total),
      onFile: streaming
        ? (report) => {
            const chunk = textFileReport(report, maxRisk, { color, verbose });
            if (chunk) progress.print(chunk);
          }
        : undefined,
    });
  } finally {
    progress.stop();
  }
  result.record = await runRecord({
    cwd,
    paths: positionals,
    shard,
    options: {
      maxRisk,
      ...(target ? { target } : {}),
      write: Boolean(values.write),
      ...(values.transforms !== undefined || config.transforms
        ? { transforms: transforms.map((t) => t.id) }
        : {}),
      ...(values.since !== undefined ? { since: values.since } : {}),
      ...(selected.bands ? { bands: selected.bands } : {}),
      ...(selected.testFilter ? { excludeTests: true } : {}),
      ...(changedLines ? { changedLines: true } : {}),
    },
    config: loaded,
    transforms: result.transforms,
  });
  for (const warning of result.warnings) process.stderr.write(`lazymod: warning: ${warning}\n`);
  // A plan is applied exactly as reviewed: one of a part of the files would read as a whole.
  if (values.plan !== undefined && result.interrupted)
    process.stderr.write(`lazymod: the run was interrupted: no plan saved to ${values.plan}\n`);
  const plan =
    values.plan !== undefined && !result.interrupted
      ? planData(
          result,
          {
            ...setup.planOptions,
            ...(changedLines ? { changedLines: true } : {}),
          },
          planOrigin(cwd, path.resolve(cwd, values.plan)),
        )
      : undefined;
  // A report made with a plan names it and its digest, so a reviewer can pin what they read.
  const planReference =
    plan && values.plan ? { file: values.plan, digest: plan.digest } : undefined;
  const report = streaming
    ? textSummary(result, { color, verbose })
    : reporter(result, {
        color: values.output === undefined && color,
        verbose,
        plan: planReference,
        sort: selected.sort,
      });
  try {
    if (plan && values.plan !== undefined) {
      await writeOutputFile(values.plan, planJson(plan));
      process.stderr.write(
        `lazymod: plan saved to ${values.plan} (${result.summary.changes} change${result.summary.changes === 1 ? "" : "s"}, digest ${plan.digest}); review it, then run: ${applyCommandLine(values.plan, plan.digest)}\n`,
      );
    }
    // A patch has no room for warnings (git would take them for part of it): they go to stderr.
    if (format === "patch") process.stderr.write(warningLines(result));
    if (values.output !== undefined) {
      await writeOutputFile(values.output, report);
      process.stdout.write(textSummary(result, { color }));
      process.stdout.write(
        `Report (${format}${result.interrupted ? ", partial" : ""}) written to ${values.output}\n`,
      );
    } else {
      process.stdout.write(report);
      // The text report says it is partial; other formats say it in their data, and here.
      if (result.interrupted && format !== "text") {
        const { filesProcessed, notProcessed } = result.interrupted;
        process.stderr.write(
          `lazymod: interrupted after ${filesProcessed} of ${filesProcessed + notProcessed.length} files: the report is partial\n`,
        );
      }
    }
  } catch (error) {
    process.stderr.write(`lazymod: ${(error as Error).message}\n`);
    return signals.received ? signals.exitCode : EXIT_FAILURE;
  }
  // A signal received at any point, even once the run was done, says how the run ended.
  if (signals.received) return signals.exitCode;
  return exitCode(result.summary, {
    check: Boolean(values.check),
    failOnParseError: Boolean(values["fail-on-parse-error"]),
    unusedIgnoreErrors: unusedIgnores === "error" ? unusedIgnoreCount(result) : 0,
  });
}

/** The ignore comments (and ids in them) that suppressed nothing (`--report-unused-ignores`). */
function unusedIgnoreCount(result: RunResult): number {
  return result.files.reduce(
    (n, file) => n + (file.warnings ?? []).filter((w) => w.id === "unused-ignore-directive").length,
    0,
  );
}

function warningLines(result: RunResult): string {
  return result.files
    .flatMap((file) =>
      (file.warnings ?? []).map(
        (w) => `lazymod: warning: ${file.path}:${w.line}:${w.column}: ${w.message}\n`,
      ),
    )
    .join("");
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `lazymod: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = EXIT_FAILURE;
  },
);
