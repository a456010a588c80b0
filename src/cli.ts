#!/usr/bin/env node
import ora from "ora";
import pc from "picocolors";
import { parseArgs } from "node:util";
import { parseMaxRisk } from "./core/risk.js";
import { TARGETS, type Target } from "./core/types.js";
import { helpText, OPTIONS } from "./options.js";
import { mergeCommand } from "./commands/merge.js";
import { reporters } from "./reporters/index.js";
import { textFileReport, textSummary } from "./reporters/text.js";
import { UsageError } from "./runner/discover.js";
import type { FileReport } from "./runner/process-file.js";
import { run, type RunResult } from "./runner/run.js";
import { parseShard } from "./runner/shard.js";
import { toolVersion } from "./version.js";
import { transforms as allTransforms, transformsById } from "../transforms/index.js";

const EXIT_OK = 0;
const EXIT_CHECK_FOUND = 1;
const EXIT_FAILURE = 2;

function parse(argv: string[]) {
  const options = Object.fromEntries(
    OPTIONS.map((o) => [o.name, { type: o.type, ...("short" in o ? { short: o.short } : {}) }]),
  );
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
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
const SUBCOMMANDS: Record<string, (argv: string[]) => Promise<number>> = { merge: mergeCommand };

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
  const maxRisk = parseMaxRisk(stringOption(values, "max-risk", "low"));
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
  const target = stringOption(values, "target", "es2022") as Target;
  if (!TARGETS.includes(target))
    throw new UsageError(`--target must be one of ${TARGETS.join(", ")}, got "${target}"`);
  if (values.check && values.write)
    throw new UsageError("--check and --write cannot be combined: --check only reports");
  const transforms = selectTransforms(stringOption(values, "transforms", ""));
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
  // The text report streams file by file (in path order); other formats are printed whole at the end.
  const streaming = format === "text";
  const progress = createProgress();
  let result: RunResult;
  try {
    result = await run({
      paths: positionals,
      transforms,
      target,
      maxRisk,
      jobs,
      shard,
      write: Boolean(values.write),
      onFile(report, done, total) {
        if (streaming) {
          const chunk = textFileReport(report, maxRisk, { color, verbose });
          if (chunk) progress.print(chunk);
        }
        progress.update(report, done, total);
      },
    });
  } finally {
    progress.stop();
  }
  process.stdout.write(
    streaming ? textSummary(result, { color, verbose }) : reporter(result, { color, verbose }),
  );
  if (result.summary.filesFailed > 0) return EXIT_FAILURE;
  if (values.check && result.summary.applicable > 0) return EXIT_CHECK_FOUND;
  return EXIT_OK;
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

/** Progress on stderr, only on a terminal and never in CI; cleared while report lines are printed. */
function createProgress() {
  const enabled = process.stderr.isTTY === true && !process.env.CI;
  const spinner = enabled
    ? ora({ stream: process.stderr, text: "Discovering files…" }).start()
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
