import { readFile } from "node:fs/promises";
import { fileErrorReason, UsageError } from "../core/errors.js";
import { transformInfo } from "../core/result.js";
import { exitCode } from "../exit-codes.js";
import { MERGE_OPTIONS, mergeHelpText, parseCommandLine } from "../options.js";
import { reporters } from "../reporters/index.js";
import { mergeReports, type JsonReport } from "../runner/merge.js";
import { toolVersion } from "../version.js";
import { transforms } from "../../transforms/index.js";

/**
 * `lazymod merge a.json b.json … [--format f] [--check]`: combines the JSON reports of several
 * shards into one and prints it in any format.
 */
export async function mergeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(MERGE_OPTIONS, argv);
  if (values.help) {
    process.stdout.write(mergeHelpText(toolVersion()));
    return 0;
  }
  if (positionals.length === 0) throw new UsageError("merge needs at least one JSON report");
  const format = values.format ?? "text";
  const reporter = reporters[format];
  if (!reporter)
    throw new UsageError(
      `--format must be one of ${Object.keys(reporters).join(", ")}, got "${format}"`,
    );
  const reports = await Promise.all(positionals.map(readReport));
  const result = mergeReports(
    reports.map((r) => r.report),
    positionals,
    { cwd: process.cwd(), transforms: transforms.map(transformInfo) },
  );
  process.stdout.write(reporter(result, { color: false, verbose: Boolean(values.verbose) }));
  return exitCode(result.summary, {
    check: Boolean(values.check),
    failOnParseError: Boolean(values["fail-on-parse-error"]),
  });
}

async function readReport(file: string): Promise<{ report: JsonReport }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(`${file}: cannot read (${fileErrorReason(error)})`);
  }
  let report: JsonReport;
  try {
    report = JSON.parse(text) as JsonReport;
  } catch (error) {
    throw new UsageError(
      `${file}: not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (report?.version !== 1 || !Array.isArray(report.files) || typeof report.summary !== "object") {
    throw new UsageError(
      `${file}: not a lazymod JSON report (version 1); make it with --format json`,
    );
  }
  return { report };
}
