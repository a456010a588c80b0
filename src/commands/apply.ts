import { readFile } from "node:fs/promises";
import { parseMaxRisk } from "../core/risk.js";
import { applyHelpText, APPLY_OPTIONS, parseCommandLine } from "../options.js";
import { applyPlan, type ApplyResult, type FileOutcome } from "../plan/apply.js";
import { parsePlan } from "../plan/read.js";
import { UsageError } from "../runner/discover.js";
import { globMatcher } from "../runner/filter.js";
import { FORMAT_CHOICES, type FormatChoice } from "../runner/format-changed.js";
import { toolVersion } from "../version.js";

const EXIT_OK = 0;
const EXIT_FAILURE = 2;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** `lazymod apply <plan.json>`: applies a saved plan; see applyHelpText. */
export async function applyCommand(argv: string[]): Promise<number> {
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
  let text: string;
  try {
    text = await readFile(planFile, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(
      `${planFile}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (error as Error).message}`,
    );
  }
  const plan = parsePlan(text, planFile);

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
  const cwd = process.cwd();
  const excludes = values["exclude-file"] ?? [];
  const result = await applyPlan(plan, {
    cwd,
    maxRisk,
    only,
    exclude: excludes.length > 0 ? globMatcher(excludes, cwd) : undefined,
    ...(formatChanged !== undefined ? { formatChanged: formatChanged as FormatChoice } : {}),
  });
  process.stdout.write(formatApplyResult(result, planFile));
  return result.files.some((f) => f.status === "refused") ? EXIT_FAILURE : EXIT_OK;
}

function outcomeLine(outcome: FileOutcome): string | undefined {
  switch (outcome.status) {
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
  const lines = result.files.map(outcomeLine).filter((line): line is string => !!line);
  const count = (status: FileOutcome["status"]) =>
    result.files.filter((f) => f.status === status).length;
  const appliedChanges = result.files.reduce(
    (sum, f) => sum + (f.status === "applied" ? f.applied : 0),
    0,
  );
  if (lines.length > 0) lines.push("");
  const refused = count("refused");
  const already = count("already-applied");
  if (appliedChanges === 0 && refused === 0) {
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
    lines.push(`${parts.join("; ")}.`);
  }
  const missing = result.files.filter(
    (f) => f.status === "refused" && f.reason === "no longer exists",
  ).length;
  if (missing > 0 && missing === refused && refused === result.files.length)
    lines.push(
      "None of the plan's files exist here: run lazymod apply from the directory the plan was made in.",
    );
  const left: string[] = [];
  if (result.aboveMaxRisk > 0)
    left.push(`${plural(result.aboveMaxRisk, "change")} above --max-risk ${result.maxRisk}`);
  if (result.notInOnly > 0)
    left.push(`${plural(result.notInOnly, "change")} of transforms not in --only`);
  if (left.length > 0) lines.push(`Not applied: ${left.join("; ")}.`);
  return `${lines.join("\n")}\n`;
}
