import { plural } from "../core/text.js";
import { lstatSync, readdirSync, readFileSync, realpathSync, rmSync } from "node:fs";
import path from "node:path";
import { fileErrorReason, UsageError } from "../core/errors.js";
import { summarize, type FileReport, type RunResult } from "../core/result.js";
import { parseCommandLine, SPLIT_OPTIONS, splitHelpText } from "../options.js";
import { writeOutputFile } from "../output.js";
import { locateOrigin } from "../plan/origin.js";
import { planJson, type Plan, type PlanOrigin } from "../plan/plan.js";
import { PlanRefusedError, readPlanFile } from "../plan/read.js";
import { SPLIT_BY, splitPlan, type Share, type SplitBy } from "../plan/split.js";
import { ownersOf, readCodeowners } from "../project/codeowners.js";
import {
  applyCommandLine,
  codeSpan,
  markdownReport,
  MARKDOWN_MARKER,
} from "../reporters/markdown.js";
import { patchReport } from "../reporters/patch.js";
import { reportedFile, type JsonReport } from "../runner/merge.js";
import { workTreeRoot } from "../runner/repository.js";
import { sha256 } from "../runner/write.js";
import { toolVersion } from "../version.js";
import { transforms } from "../../transforms/index.js";
import { transformInfo } from "../core/result.js";

const EXIT_OK = 0;
const EXIT_FAILURE = 2;

/** The file listing a split's shares, in its output directory. */
const MANIFEST = "split.json";
const MANIFEST_KIND = "lazymod-split";

/** `lazymod split <plan.json> --by …`: see splitHelpText. */
export async function splitCommand(argv: string[]): Promise<number> {
  try {
    return await split(argv);
  } catch (error) {
    if (!(error instanceof PlanRefusedError)) throw error;
    process.stderr.write(`lazymod: ${error.message}\n`);
    return EXIT_FAILURE;
  }
}

async function split(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(SPLIT_OPTIONS, argv);
  if (values.help) {
    process.stdout.write(splitHelpText(toolVersion()));
    return EXIT_OK;
  }
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0
        ? "split needs a plan file: lazymod split <plan.json> --by <codeowners|directory>"
        : `split takes one plan file, got ${positionals.length}: ${positionals.join(" ")}`,
    );
  const by = values.by as SplitBy | undefined;
  if (by === undefined || !SPLIT_BY.includes(by))
    throw new UsageError(
      `--by must be one of ${SPLIT_BY.join(", ")}${values.by === undefined ? "" : `, got "${values.by}"`}`,
    );
  let maxFiles: number | undefined;
  if (values["max-files"] !== undefined) {
    maxFiles = Number(values["max-files"]);
    if (!Number.isInteger(maxFiles) || maxFiles < 1)
      throw new UsageError(`--max-files must be a positive integer, got "${values["max-files"]}"`);
  }
  const planFile = positionals[0]!;
  const plan = await readPlanFile(planFile);
  const cwd = process.cwd();
  const origin = locateOrigin(plan.origin, planFile, cwd);
  const outputDir =
    values["output-dir"] ??
    path.join(
      path.dirname(planFile),
      `${path.basename(planFile).replace(/\.json$/i, "")}-by-${by}`,
    );
  const ownersOfPath = by === "codeowners" ? codeownersOf(plan, origin) : undefined;
  const shares = splitPlan(plan, {
    by,
    ...(maxFiles !== undefined ? { maxFiles } : {}),
    ...(ownersOfPath ? { ownersOf: ownersOfPath } : {}),
    origin: shareOrigin(plan.origin, origin.directory, outputDir),
  });
  prepareOutputDirectory(outputDir);

  let stale = 0;
  const listed: unknown[] = [];
  for (const share of shares) {
    const planPath = path.join(outputDir, `${share.name}.plan.json`);
    const shown = displayPath(planPath, cwd);
    const result = shareResult(share.plan, cwd);
    stale += loadSources(result, origin.directory, `${share.name}.patch`);
    await writeOutputFile(planPath, planJson(share.plan));
    await writeOutputFile(path.join(outputDir, `${share.name}.patch`), patchReport(result));
    const markdown = markdownReport(result, { plan: { file: shown, digest: share.plan.digest } });
    await writeOutputFile(
      path.join(outputDir, `${share.name}.md`),
      markdown.replace(`${MARKDOWN_MARKER}\n`, `${MARKDOWN_MARKER}\n${shareNote(share, planFile)}`),
    );
    listed.push({
      name: share.name,
      ...(share.owners ? { owners: share.owners } : {}),
      ...(share.directory !== undefined ? { directory: share.directory } : {}),
      ...(share.part !== undefined ? { part: share.part } : {}),
      digest: share.plan.digest,
      plan: `${share.name}.plan.json`,
      patch: `${share.name}.patch`,
      markdown: `${share.name}.md`,
      files: share.plan.files.map((f) => f.path),
      changes: share.plan.files.reduce((n, f) => n + f.changes.length, 0),
    });
  }
  const manifest = {
    kind: MANIFEST_KIND,
    version: 1,
    plan: { file: displayPath(planFile, cwd), digest: plan.digest },
    by,
    ...(maxFiles !== undefined ? { maxFiles } : {}),
    shares: listed,
  };
  await writeOutputFile(path.join(outputDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  process.stdout.write(splitSummary(shares, plan, planFile, by, displayPath(outputDir, cwd), cwd));
  return stale > 0 ? EXIT_FAILURE : EXIT_OK;
}

/**
 * The owners of a plan's paths, from the CODEOWNERS of the repository the plan was made in (the
 * plan's origin, found as apply finds it); a path is matched as it is from the repository root.
 */
function codeownersOf(
  plan: Plan,
  origin: ReturnType<typeof locateOrigin>,
): (planPath: string) => readonly string[] {
  const inGit = plan.origin.relativeTo === "git-work-tree";
  if (inGit && !origin.found)
    throw new UsageError(
      `--by codeowners reads the CODEOWNERS of the repository the plan was made in (${origin.recorded}): run split inside a clone of it`,
    );
  const root = inGit ? (workTreeRoot(origin.directory) ?? origin.directory) : origin.directory;
  const codeowners = readCodeowners(root);
  const where = displayPath(codeowners.file, process.cwd());
  for (const problem of codeowners.problems)
    process.stderr.write(
      `lazymod: warning: ${where}:${problem.line}: ${problem.reason}; the line is skipped, as GitHub skips it\n`,
    );
  const prefix = inGit ? plan.origin.directory : ".";
  return (planPath) => ownersOf(codeowners.rules, path.posix.join(prefix, planPath));
}

/**
 * The origin a share records: the plan's, when it is relative to the work tree; relative to the
 * output directory, when it is relative to the plan file's directory (the shares live elsewhere).
 */
function shareOrigin(recorded: PlanOrigin, originDirectory: string, outputDir: string): PlanOrigin {
  if (recorded.relativeTo === "git-work-tree") return recorded;
  const real = (dir: string) => {
    try {
      return realpathSync(dir);
    } catch {
      return path.resolve(dir);
    }
  };
  let from = path.resolve(outputDir);
  while (!exists(from)) from = path.dirname(from);
  // The output directory may not exist yet: resolve what does, then add the rest.
  const outputReal = path.join(real(from), path.relative(from, path.resolve(outputDir)));
  const relative = path.relative(outputReal, real(originDirectory));
  return {
    relativeTo: "plan-directory",
    directory: relative === "" ? "." : relative.split(path.sep).join("/"),
  };
}

function exists(file: string): boolean {
  return lstatSync(file, { throwIfNoEntry: false }) !== undefined;
}

/**
 * The output directory, made ready: a directory holding an earlier split loses that split's
 * files (so no share of it is left behind); any other that is not empty is refused.
 */
function prepareOutputDirectory(dir: string): void {
  const info = lstatSync(dir, { throwIfNoEntry: false });
  if (!info) return;
  if (!info.isDirectory()) throw new UsageError(`--output-dir ${dir}: is not a directory`);
  const entries = readdirSync(dir);
  if (entries.length === 0) return;
  const earlier = earlierSplit(path.join(dir, MANIFEST));
  if (!earlier)
    throw new UsageError(
      `--output-dir ${dir}: is not empty and holds no earlier split (no ${MANIFEST}); choose another directory`,
    );
  for (const name of [MANIFEST, ...earlier]) {
    // Only plain names, in this directory: a damaged manifest cannot reach anything else.
    if (name !== path.basename(name) || name.startsWith(".")) continue;
    rmSync(path.join(dir, name), { force: true });
  }
}

/** The files an earlier split wrote, from its manifest; undefined if there is none. */
function earlierSplit(manifest: string): string[] | undefined {
  try {
    const data = JSON.parse(readFileSync(manifest, "utf8")) as {
      kind?: unknown;
      shares?: Array<{ plan?: unknown; patch?: unknown; markdown?: unknown }>;
    };
    if (data.kind !== MANIFEST_KIND || !Array.isArray(data.shares)) return undefined;
    return data.shares
      .flatMap((share) => [share.plan, share.patch, share.markdown])
      .filter((name): name is string => typeof name === "string");
  } catch {
    return undefined;
  }
}

/** A share's plan as a run's result, for the patch and Markdown reporters. */
function shareResult(plan: Plan, cwd: string): RunResult {
  // A plan's files are its JSON report's files, as planData wrote them.
  const files: FileReport[] = plan.files.map((file) =>
    reportedFile(file as unknown as JsonReport["files"][number]),
  );
  return {
    tool: plan.tool,
    cwd,
    files,
    summary: summarize(files),
    elapsedMs: 0,
    maxRisk: plan.options.maxRisk,
    write: false,
    ...(plan.options.target ? { target: plan.options.target } : {}),
    warnings: [],
    transforms: plan.transforms,
    transformInfo: plan.transforms.flatMap((id) =>
      transforms.filter((t) => t.id === id).map(transformInfo),
    ),
    jobs: 1,
  };
}

// `ignoreBOM` keeps a byte-order mark in the text, as when the plan was made.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Each file's text as the plan read it, for the patch: read from where the plan was made, and
 * only if its sha256 is the plan's. The others are left out of the patch with a warning; their
 * number is returned.
 */
function loadSources(result: RunResult, base: string, patchName: string): number {
  let stale = 0;
  for (const file of result.files) {
    if (!file.changes.some((c) => c.status === "apply")) continue;
    let reason: string | undefined;
    try {
      const bytes = readFileSync(path.resolve(base, file.path));
      if (sha256(bytes) === file.sha256) file.source = utf8.decode(bytes);
      else reason = "changed since the plan was made (sha256 differs)";
    } catch (error) {
      reason = fileErrorReason(error, { ENOENT: "no longer exists" });
    }
    if (reason === undefined) continue;
    stale++;
    process.stderr.write(
      `lazymod: ${file.path}: ${reason}; left out of ${patchName} (its plan still has it: make a new plan)\n`,
    );
  }
  return stale;
}

/** The line a share's Markdown report starts with: which share of which plan it is. */
function shareNote(share: Share, planFile: string): string {
  const what = [
    share.owners
      ? share.owners.length > 0
        ? `owned by ${share.owners.map((owner) => codeSpan(owner)).join(", ")}`
        : "files no CODEOWNERS rule gives an owner"
      : "",
    share.directory !== undefined ? `in ${codeSpan(share.directory)}` : "",
    share.part !== undefined ? `part ${share.part}` : "",
  ].filter(Boolean);
  return `**Share ${codeSpan(share.name)}** of ${codeSpan(planFile)}: ${plural(share.plan.files.length, "file")} ${what.join(", ")}\n\n`;
}

function splitSummary(
  shares: readonly Share[],
  plan: Plan,
  planFile: string,
  by: SplitBy,
  outputDir: string,
  cwd: string,
): string {
  const lines = [
    `Split ${planFile} (${plural(plan.files.length, "file")}, digest ${plan.digest}) by ${by} into ${plural(shares.length, "share")} in ${outputDir}/:`,
  ];
  const width = Math.max(0, ...shares.map((s) => s.name.length)) + 2;
  for (const share of shares) {
    const changes = share.plan.files.flatMap((f) => f.changes);
    const toApply = changes.filter((c) => c.status === "apply").length;
    const owners = share.owners
      ? share.owners.length > 0
        ? `  owners ${share.owners.join(" ")}`
        : "  no owner"
      : "";
    lines.push(
      `  ${share.name.padEnd(width)}${plural(share.plan.files.length, "file")}, ${plural(changes.length, "change")} (${toApply} to apply)${owners}`,
    );
  }
  const first = shares[0];
  if (first) {
    const planPath = displayPath(path.join(outputDir, `${first.name}.plan.json`), cwd);
    lines.push(
      "",
      `Each share is a plan of its own; apply one as reviewed with its digest, e.g.: ${applyCommandLine(planPath, first.plan.digest)}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, file));
  return (relative === "" ? "." : relative).split(path.sep).join("/");
}
