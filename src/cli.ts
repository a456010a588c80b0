#!/usr/bin/env node
import pc from "picocolors";
import {
  configIgnoreFilter,
  findConfig,
  loadConfigFile,
  type LazymodConfig,
  type LoadedConfig,
} from "./config.js";
import type { TransformSettings } from "./core/context.js";
import { parseMaxRisk } from "./core/risk.js";
import { TARGETS, type Target } from "./core/types.js";
import { helpText, OPTIONS, parseCommandLine } from "./options.js";
import { writeOutputFile } from "./output.js";
import { planText } from "./plan/plan.js";
import { mergeCommand } from "./commands/merge.js";
import { reporters, textSummary } from "./reporters/index.js";
import { textFileReport } from "./reporters/text.js";
import { UsageError } from "./runner/discover.js";
import type { FileFilter } from "./runner/filter.js";
import type { FileReport } from "./runner/process-file.js";
import { run, type RunResult } from "./runner/run.js";
import { parseShard } from "./runner/shard.js";
import { sinceFilter } from "./runner/since.js";
import { toolVersion } from "./version.js";
import { transforms as allTransforms, transformsById } from "../transforms/index.js";

const EXIT_OK = 0;
const EXIT_CHECK_FOUND = 1;
const EXIT_FAILURE = 2;

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
};

async function execute(argv: string[]): Promise<number> {
  const command = argv[0] !== undefined ? SUBCOMMANDS[argv[0]] : undefined;
  if (command) return command(argv.slice(1));
  const { values, positionals } = parse(argv);
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
  if (values.config !== undefined && values["no-config"])
    throw new UsageError("--config and --no-config cannot be combined");
  const loaded: LoadedConfig | undefined = values["no-config"]
    ? undefined
    : values.config !== undefined
      ? await loadConfigFile(values.config, cwd)
      : await findConfig(cwd);
  const config = loaded?.config ?? {};
  const maxRisk =
    values["max-risk"] === undefined && config.maxRisk !== undefined
      ? config.maxRisk
      : parseMaxRisk(stringOption(values, "max-risk", "low"));
  if (maxRisk === undefined)
    throw new UsageError(
      `--max-risk must be 0-100, low, medium or high, got "${String(values["max-risk"])}"`,
    );
  const format = stringOption(values, "format", "text");
  const reporter = reporters[format];
  if (!reporter)
    throw new UsageError(
      `--format must be one of ${Object.keys(reporters).join(", ")}, got "${format}"`,
    );
  // Without a target given here or in the configuration, each file's tsconfig says.
  const target = (values.target ?? config.target) as Target | undefined;
  if (target !== undefined && !TARGETS.includes(target))
    throw new UsageError(`--target must be one of ${TARGETS.join(", ")}, got "${target}"`);
  const targetFrom = values.target !== undefined ? "--target" : loaded?.label;
  if (values.check && values.write)
    throw new UsageError("--check and --write cannot be combined: --check only reports");
  if (values.plan !== undefined && values.write)
    throw new UsageError(
      '--plan and --write cannot be combined: a plan is reviewed first, then applied with "lazymod apply"',
    );
  const transforms = selectTransforms(
    values.transforms ?? (config.transforms ? config.transforms.join(",") : ""),
  );
  const filters: FileFilter[] = [];
  const ignored = loaded ? configIgnoreFilter(loaded) : undefined;
  if (ignored) filters.push(ignored);
  if (values.since !== undefined) filters.push(await sinceFilter(values.since, cwd));
  const jobsText = stringOption(values, "jobs", "");
  const jobs = jobsText === "" ? undefined : Number(jobsText);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1))
    throw new UsageError(`--jobs must be a positive integer, got "${jobsText}"`);
  const shardText = stringOption(values, "shard", "");
  const shard = shardText === "" ? undefined : parseShard(shardText);
  if (shardText !== "" && !shard)
    throw new UsageError(`--shard must be k/n with 1 ≤ k ≤ n, got "${shardText}"`);

  const color = pc.isColorSupported && process.stdout.isTTY === true;
  const verbose = Boolean(values.verbose);
  // The text report streams file by file (in path order) to the terminal; other formats, and any
  // report written to a file, are produced whole at the end.
  const streaming = format === "text" && values.output === undefined;

  const progress = await createProgress();
  let result: RunResult;
  try {
    result = await run({
      paths: positionals,
      transforms,
      target,
      targetFrom,
      maxRisk,
      write: Boolean(values.write),
      jobs,
      shard,
      filters,
      settings: transformSettings(config),
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
  for (const warning of result.warnings) process.stderr.write(`lazymod: warning: ${warning}\n`);
  const report = streaming
    ? textSummary(result, { color, verbose })
    : reporter(result, { color: values.output === undefined && color, verbose });
  try {
    if (values.plan !== undefined) {
      const plan = planText(result, {
        paths: positionals.length > 0 ? positionals : ["."],
        maxRisk,
        ...(target ? { target } : {}),
        ...(values.since !== undefined ? { since: values.since } : {}),
        ...(loaded ? { config: loaded.label } : {}),
      });
      await writeOutputFile(values.plan, plan);
      process.stderr.write(
        `lazymod: plan saved to ${values.plan} (${result.summary.changes} change${result.summary.changes === 1 ? "" : "s"}); review it, then run: lazymod apply ${values.plan}\n`,
      );
    }
    if (values.output !== undefined) {
      await writeOutputFile(values.output, report);
      process.stdout.write(textSummary(result, { color }));
      process.stdout.write(`Report (${format}) written to ${values.output}\n`);
    } else {
      process.stdout.write(report);
    }
  } catch (error) {
    process.stderr.write(`lazymod: ${(error as Error).message}\n`);
    return EXIT_FAILURE;
  }
  if (result.summary.filesFailed > 0) return EXIT_FAILURE;
  if (values.check && result.summary.applicable > 0) return EXIT_CHECK_FOUND;
  return EXIT_OK;
}

/** What transforms may read of the configuration. */
function transformSettings(config: LazymodConfig): TransformSettings | undefined {
  const settings: TransformSettings = {};
  if (config.orm) settings.orm = config.orm;
  if (config.nonNullAssertions !== undefined) settings.nonNullAssertions = config.nonNullAssertions;
  return Object.keys(settings).length > 0 ? settings : undefined;
}

function selectTransforms(list: string) {
  if (list.trim() === "") return allTransforms;
  const ids = list
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  const unknown = ids.filter((id) => !transformsById.has(id));
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown transform ${unknown.map((id) => `"${id}"`).join(", ")}; available: ${[...transformsById.keys()].join(", ")}`,
    );
  }
  return ids.map((id) => transformsById.get(id)!);
}

/** Progress on stderr, only on a terminal and never in CI. */
async function createProgress() {
  // A pseudo-terminal that reports 0 columns (`script`, some CI shells) would make the spinner's
  // line arithmetic loop forever: no progress there.
  const enabled =
    process.stderr.isTTY === true && !process.env.CI && (process.stderr.columns ?? 0) > 0;
  // ora (and what it pulls in) loads only when there is a terminal to draw on.
  const spinner = enabled
    ? (await import("ora")).default({ stream: process.stderr, text: "Discovering files…" }).start()
    : undefined;
  const started = performance.now();
  let changes = 0;
  return {
    update(report: FileReport, done: number, total: number) {
      changes += report.changes.length;
      if (!spinner) return;
      const seconds = (performance.now() - started) / 1000;
      const rate = done / Math.max(seconds, 0.001);
      const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
      spinner.text = `${done}/${total} files · ${changes} changes · ${Math.round(rate)} files/s · ETA ${eta}s`;
    },
    /** Report lines go to stdout with the spinner cleared, so the two never mix on a terminal. */
    print(chunk: string) {
      spinner?.clear();
      process.stdout.write(chunk);
      spinner?.render();
    },
    stop: () => spinner?.stop(),
  };
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
