import { plural } from "../core/text.js";
import { lstat } from "node:fs/promises";
import path from "node:path";
import { parseMaxRisk } from "../core/risk.js";
import {
  applyHelpText,
  APPLY_OPTIONS,
  parseCommandLine,
  typesMemoryFromEnvironment,
} from "../options.js";
import { applyPlan, type ApplyResult, type FileOutcome, type HeldChange } from "../plan/apply.js";
import { locateOrigin } from "../plan/origin.js";
import { type Plan } from "../plan/plan.js";
import { checkExpectedDigest, PlanRefusedError, readPlanFile } from "../plan/read.js";
import { UsageError } from "../core/errors.js";
import { globMatcher } from "../runner/filter.js";
import { stopOnSignals } from "../signals.js";
import { FORMAT_CHOICES, type FormatChoice } from "../runner/format-changed.js";
import { toolVersion } from "../version.js";

const EXIT_OK = 0;
const EXIT_FAILURE = 2;

/** `lazymod apply <plan.json>`: applies a saved plan; see applyHelpText. */
export async function applyCommand(argv: string[]): Promise<number> {
  try {
    return await applyPlanFile(argv);
  } catch (error) {
    if (!(error instanceof PlanRefusedError)) throw error;
    process.stderr.write(`lazymod: ${error.message}\n`);
    return EXIT_FAILURE;
  }
}

async function applyPlanFile(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(APPLY_OPTIONS, argv);
  if (values.help) {
    process.stdout.write(applyHelpText(toolVersion()));
    return EXIT_OK;
  }
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0
        ? "apply needs a plan file: lazymod apply <plan.json>"
        : `apply takes one plan file, got ${positionals.length}: ${positionals.join(" ")}`,
    );
  const planFile = positionals[0]!;
  const plan = await readPlanFile(planFile);
  if (values["expect-digest"] !== undefined)
    checkExpectedDigest(
      plan,
      values["expect-digest"],
      (digest, expected) =>
        `${planFile} is not the plan that was reviewed: its digest is ${digest}, --expect-digest wants ${expected}. Nothing was applied`,
    );

  let maxRisk: number | undefined;
  if (values["max-risk"] !== undefined) {
    maxRisk = parseMaxRisk(values["max-risk"]);
    if (maxRisk === undefined)
      throw new UsageError(
        `--max-risk must be 0-100, low, medium or high, got "${values["max-risk"]}"`,
      );
  }
  let only: Set<string> | undefined;
  if (values.only !== undefined) {
    only = new Set(
      values.only
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean),
    );
    const unknown = [...only].filter((id) => !plan.transforms.includes(id));
    if (unknown.length > 0)
      throw new UsageError(
        `--only: ${unknown.map((id) => `"${id}"`).join(", ")} not in the plan's transforms (${plan.transforms.join(", ")})`,
      );
  }
  const formatChanged = values["format-changed"];
  if (formatChanged !== undefined && !FORMAT_CHOICES.includes(formatChanged as FormatChoice))
    throw new UsageError(
      `--format-changed must be one of ${FORMAT_CHOICES.join(", ")}, got "${formatChanged}"`,
    );
  if (values.types && values["no-types"])
    throw new UsageError("--types and --no-types cannot be combined");
  const typesMemoryMb = typesMemoryFromEnvironment();
  const cwd = process.cwd();
  const origin = locateOrigin(plan.origin, planFile, cwd);
  const base = origin.directory;
  const where = displayDirectory(base, cwd);
  const absent = await filesAbsent(plan, base);
  if (absent !== undefined) {
    const files = absent === 1 ? "the file" : `none of the ${absent} files`;
    throw new PlanRefusedError(
      `${files} ${planFile} changes ${absent === 1 ? "is not" : "is"} in ${where === "." ? "this directory" : where}, and the plan was made in ${origin.recorded}${origin.found ? "" : " (this directory is in none)"}: is this the repository the plan is for? Nothing was applied`,
    );
  }
  // One line, before anything is applied, when the paths are not read from here.
  if (!origin.found)
    process.stderr.write(
      `lazymod: ${planFile} was made in ${origin.recorded}, and this directory is in none: its paths are read from here\n`,
    );
  else if (where !== ".")
    process.stderr.write(
      `lazymod: ${planFile} was made in ${origin.recorded}: its paths are read from ${where}, not from the working directory\n`,
    );
  const excludes = values["exclude-file"] ?? [];
  const signals = stopOnSignals();
  signals.onFirst = (signal) =>
    process.stderr.write(
      `lazymod: ${signal}: stopping after the file in progress (${signal === "SIGINT" ? "Ctrl-C" : signal} again to exit at once)\n`,
    );
  const result = await applyPlan(plan, {
    signal: signals.signal,
    cwd: base,
    maxRisk,
    only,
    exclude: excludes.length > 0 ? globMatcher(excludes, cwd) : undefined,
    ...(formatChanged !== undefined ? { formatChanged: formatChanged as FormatChoice } : {}),
    types: !values["no-types"],
    typesMemoryMb,
  });
  for (const warning of result.warnings) process.stderr.write(`lazymod: warning: ${warning}\n`);
  process.stdout.write(formatApplyResult(result, planFile));
  if (signals.received) return signals.exitCode;
  const notAsPlanned = result.files.some((f) => f.status === "refused" || heldBack(f).length > 0);
  return notAsPlanned ? EXIT_FAILURE : EXIT_OK;
}

/** A directory as the user would type it from `cwd`: relative inside it or above it, else absolute. */
function displayDirectory(dir: string, cwd: string): string {
  const relative = path.relative(cwd, dir);
  if (relative === "") return ".";
  const parts = relative.split(path.sep);
  const insideOrAbove = !parts.includes("..") || parts.every((part) => part === "..");
  return insideOrAbove ? parts.join("/") : dir;
}

/**
 * When not one of the plan's files with changes to apply exists under `base`, their number (the
 * plan is for another place); undefined when one does, or there is none to look for.
 */
async function filesAbsent(plan: Plan, base: string): Promise<number | undefined> {
  const files = plan.files.filter((f) => f.changes.some((c) => c.status !== "report"));
  if (files.length === 0) return undefined;
  for (const file of files) {
    if (path.isAbsolute(file.path) || file.path.split(/[\\/]/).includes("..")) return undefined;
    try {
      await lstat(path.resolve(base, file.path));
      return undefined;
    } catch {
      // not here
    }
  }
  return files.length;
}

/** The changes of a file held back for a compiler error. */
function heldBack(outcome: FileOutcome): HeldChange[] {
  return outcome.status === "applied" || outcome.status === "held"
    ? (outcome.typeErrors ?? [])
    : [];
}

/** One line per change held back for a compiler error, naming where, which and the error. */
function heldLines(outcome: FileOutcome): string[] {
  return heldBack(outcome).map(
    (held) =>
      `held      ${outcome.path}:${held.line}:${held.column} ${held.transform}: not applied, it would add ${held.error}`,
  );
}

function outcomeLines(outcome: FileOutcome): string[] {
  const line = outcomeLine(outcome);
  return [...(line ? [line] : []), ...heldLines(outcome)];
}

function outcomeLine(outcome: FileOutcome): string | undefined {
  switch (outcome.status) {
    case "held":
      return undefined;
    case "applied": {
      const notes = [
        outcome.alreadyApplied > 0 ? `${outcome.alreadyApplied} already applied` : "",
        outcome.superseded > 0
          ? `${plural(outcome.superseded, "nested change")} not applied because an enclosing one was (run lazymod again to find them)`
          : "",
        outcome.formatting?.applied ? "formatted" : "",
        outcome.formatting && !outcome.formatting.applied
          ? `not formatted: ${outcome.formatting.reason ?? "the formatter was not applied"}`
          : "",
      ].filter(Boolean);
      return `applied   ${outcome.path}: ${plural(outcome.applied, "change")}${notes.length > 0 ? ` (${notes.join("; ")})` : ""}`;
    }
    case "already-applied":
      return `unchanged ${outcome.path}: already applied`;
    case "refused":
      return `refused   ${outcome.path}: ${outcome.reason}`;
    case "excluded":
      return `excluded  ${outcome.path} (--exclude-file)`;
    case "nothing-selected":
      return undefined;
  }
}

/** What `lazymod apply` prints: one line per file it touched or refused, then a summary. */
export function formatApplyResult(result: ApplyResult, planFile: string): string {
  const lines = result.files.flatMap(outcomeLines);
  const count = (status: FileOutcome["status"]) =>
    result.files.filter((f) => f.status === status).length;
  const appliedChanges = result.files.reduce(
    (sum, f) => sum + (f.status === "applied" ? f.applied : 0),
    0,
  );
  if (lines.length > 0) lines.push("");
  const refused = count("refused");
  const already = count("already-applied");
  const held = result.files.reduce((sum, f) => sum + heldBack(f).length, 0);
  if (appliedChanges === 0 && refused === 0 && held === 0 && !result.interrupted) {
    lines.push(
      already > 0
        ? `Nothing to do: the selected changes of ${planFile} are already applied (${plural(already, "file")}).`
        : `Nothing to do: ${planFile} has no change at or below --max-risk ${result.maxRisk} for the selected transforms and files.`,
    );
  } else {
    const parts = [
      `Applied ${plural(appliedChanges, "change")} to ${plural(count("applied"), "file")}`,
    ];
    if (already > 0) parts.push(`${plural(already, "file")} already applied`);
    if (refused > 0) parts.push(`${plural(refused, "file")} refused`);
    if (held > 0) parts.push(`${plural(held, "change")} held back for a compiler error`);
    lines.push(`${parts.join("; ")}.`);
  }
  if (result.types && result.types.checked > 0)
    lines.push(
      `Types: ${plural(result.types.checked, "file")} type-checked${result.types.compiler ? ` (${result.types.compiler})` : ""}, ${plural(result.types.held, "change")} held back for a compiler error.`,
    );
  const left: string[] = [];
  if (result.aboveMaxRisk > 0)
    left.push(`${plural(result.aboveMaxRisk, "change")} above --max-risk ${result.maxRisk}`);
  if (result.notInOnly > 0)
    left.push(`${plural(result.notInOnly, "change")} of transforms not in --only`);
  if (left.length > 0) lines.push(`Not applied: ${left.join("; ")}.`);
  if (result.interrupted) {
    const { notStarted } = result.interrupted;
    lines.push(
      `Interrupted: ${plural(notStarted.length, "file")} of the plan not started, left as they were${notStarted.length > 0 ? `: ${notStarted.join(", ")}` : ""}.`,
      `Run the same command again to apply the rest: the files already applied are recognised.`,
    );
  }
  return `${lines.join("\n")}\n`;
}
