import { plural } from "../core/text.js";
import { AbortPromptError, ExitPromptError } from "@inquirer/core";
import { lstatSync } from "node:fs";
import path from "node:path";
import pc from "picocolors";
import { UsageError } from "../core/errors.js";
import { checkOutputFile, writeOutputFile } from "../output.js";
import { REVIEW_OPTIONS, parseCommandLine, reviewHelpText } from "../options.js";
import { applyPlan } from "../plan/apply.js";
import { locateOrigin, planOrigin } from "../plan/origin.js";
import { planData, planJson, reviewedPlanData, type Plan } from "../plan/plan.js";
import { checkExpectedDigest, PlanRefusedError, readPlanFile } from "../plan/read.js";
import { applyCommandLine } from "../reporters/markdown.js";
import { changeText } from "../reporters/text.js";
import { FORMAT_CHOICES, type FormatChoice } from "../runner/format-changed.js";
import { run } from "../runner/run.js";
import { createProgress } from "../progress.js";
import {
  acceptedFiles,
  currentItem,
  decide,
  decideRestOfFile,
  newReview,
  reviewCounts,
  reviewItems,
  undo,
  type ReviewItem,
} from "../review/decisions.js";
import { editReplacement } from "../review/editor.js";
import { reviewPrompt, fitTo } from "../review/prompt.js";
import {
  DEFAULT_SESSION_FILE,
  existingSession,
  loadSession,
  removeSession,
  saveSession,
  staleFiles,
  withoutFiles,
  type ReviewOutput,
  type Session,
} from "../review/session.js";
import { stopOnSignals, type StopSignals } from "../signals.js";
import { toolVersion } from "../version.js";
import { formatApplyResult } from "./apply.js";
import { scanSetup } from "./scan-setup.js";
import { selection } from "./selection.js";

const EXIT_OK = 0;
const EXIT_FAILURE = 2;
/** Ctrl-C typed at the prompt reaches the prompt as a key, not as a signal: exit as SIGINT would. */
const EXIT_INTERRUPTED = 130;

/** `lazymod review …`: see reviewHelpText. */
export async function reviewCommand(argv: string[]): Promise<number> {
  try {
    return await reviewFromCommandLine(argv);
  } catch (error) {
    if (!(error instanceof PlanRefusedError)) throw error;
    process.stderr.write(`lazymod: ${error.message}\n`);
    return EXIT_FAILURE;
  }
}

type ReviewValues = ReturnType<typeof parseCommandLine<typeof REVIEW_OPTIONS>>["values"];

async function reviewFromCommandLine(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(REVIEW_OPTIONS, argv);
  if (values.help) {
    process.stdout.write(reviewHelpText(toolVersion()));
    return EXIT_OK;
  }
  if (process.stdin.isTTY !== true || process.stdout.isTTY !== true)
    throw new UsageError(
      "lazymod review is interactive: it needs a terminal on stdin and stdout (to review in a pull request, use --format markdown; to apply a plan, lazymod apply)",
    );
  const formatChanged = values["format-changed"];
  if (formatChanged !== undefined && !FORMAT_CHOICES.includes(formatChanged as FormatChoice))
    throw new UsageError(
      `--format-changed must be one of ${FORMAT_CHOICES.join(", ")}, got "${formatChanged}"`,
    );
  if (formatChanged !== undefined && values.plan !== undefined)
    throw new UsageError(
      "--format-changed formats what the review writes: it cannot go with --plan",
    );
  if (values.resume && values.restart)
    throw new UsageError("--resume and --restart cannot be combined");
  if (values.plan !== undefined) await checkOutputFile(values.plan, "--plan");
  const cwd = process.cwd();
  const sessionFile = path.resolve(cwd, values.session ?? DEFAULT_SESSION_FILE);
  const shownSession = path.relative(cwd, sessionFile) || sessionFile;
  // From here on, SIGINT and SIGTERM stop the review (and, at the prompt, abort it).
  const signals = stopOnSignals();

  let session: Session;
  if (values.resume) {
    if (positionals.length > 0)
      throw new UsageError(
        "--resume takes no paths and no plan: the session says what is reviewed",
      );
    const { session: resumed, stale } = await loadSession(sessionFile);
    for (const file of stale)
      process.stderr.write(
        `lazymod: ${file.path} ${file.reason}: its changes and decisions are left out of this review (review it again with "lazymod review ${file.path}")\n`,
      );
    session = resumed;
    if (values.plan !== undefined)
      session.data.output = { kind: "plan", file: path.resolve(cwd, values.plan) };
  } else {
    const existing = existingSession(sessionFile);
    if (existing && !values.restart)
      throw new UsageError(
        `a review session is in progress in ${shownSession} (${existing.decided} of ${plural(existing.total, "change")} decided): continue it with "lazymod review --resume", or start over with "lazymod review --restart …"`,
      );
    const made = await reviewSource(values, positionals, cwd, signals);
    if (made === undefined) return signals.exitCode || EXIT_INTERRUPTED;
    const output: ReviewOutput =
      values.plan !== undefined
        ? { kind: "plan", file: path.resolve(cwd, values.plan) }
        : { kind: "write" };
    const selected = selection(values, undefined, cwd);
    session = {
      file: sessionFile,
      data: {
        version: 1,
        kind: "lazymod-review-session",
        tool: { name: "lazymod", version: toolVersion() },
        source: made.source,
        output,
        sort: selected.sort,
        ...(selected.bands ? { bands: selected.bands } : {}),
        base: made.base,
        plan: made.plan,
      },
      state: newReview(reviewItems(made.plan, selected.sort, selected.bands)),
    };
  }

  if (session.state.items.length === 0) {
    process.stdout.write("Nothing to review: no change with a fix was found.\n");
    await removeSession(session);
    return EXIT_OK;
  }
  try {
    await saveSession(session);
  } catch (error) {
    throw new UsageError(`the review session cannot be kept: ${(error as Error).message}`);
  }
  const ended = await reviewLoop(session, signals);
  if (ended === "interrupted") {
    const counts = reviewCounts(session.state);
    process.stdout.write(
      `\nReview stopped: nothing was written. ${plural(counts.accepted + counts.rejected, "decision")} so far ${counts.accepted + counts.rejected === 1 ? "is" : "are"} kept in ${shownSession}; continue with: lazymod review --resume\n`,
    );
    return signals.exitCode || EXIT_INTERRUPTED;
  }
  return finishReview(session, signals, {
    ...(formatChanged !== undefined ? { formatChanged: formatChanged as FormatChoice } : {}),
    cwd,
  });
}

interface ReviewSource {
  plan: Plan;
  base: string;
  source: Session["data"]["source"];
}

/** The plan to review: a saved one, or the plan of a scan of the paths. Undefined: interrupted. */
async function reviewSource(
  values: ReviewValues,
  positionals: readonly string[],
  cwd: string,
  signals: StopSignals,
): Promise<ReviewSource | undefined> {
  const planFile = positionals.find((p) => p.toLowerCase().endsWith(".json") && isFile(p));
  if (planFile !== undefined) {
    if (positionals.length > 1)
      throw new UsageError(
        `review takes either paths to scan or one plan file, not both: ${positionals.join(" ")}`,
      );
    const plan = await readPlanFile(planFile);
    if (values["expect-digest"] !== undefined)
      checkExpectedDigest(
        plan,
        values["expect-digest"],
        (digest, expected) =>
          `${planFile} is not the plan that was expected: its digest is ${digest}, --expect-digest wants ${expected}. Nothing was reviewed`,
      );
    const origin = locateOrigin(plan.origin, planFile, cwd);
    if (!origin.found)
      process.stderr.write(
        `lazymod: ${planFile} was made in ${origin.recorded}, and this directory is in none: its paths are read from here\n`,
      );
    // A change of a file edited since the plan could be accepted but never applied: not offered.
    const stale = await staleFiles(plan, origin.directory);
    for (const file of stale)
      process.stderr.write(
        `lazymod: ${file.path} ${file.reason === "no longer exists" ? "no longer exists" : "changed since the plan was made"}: its changes are left out of this review (make a new plan for it)\n`,
      );
    return {
      plan: withoutFiles(plan, stale),
      base: origin.directory,
      source: { kind: "plan", file: path.resolve(cwd, planFile), digest: plan.digest },
    };
  }
  if (values["expect-digest"] !== undefined)
    throw new UsageError("--expect-digest is for reviewing a plan file");
  const setup = await scanSetup(values, positionals, cwd);
  const progress = await createProgress(!values["no-progress"]);
  signals.onFirst = (signal) =>
    progress.note(`lazymod: ${signal}: stopping the scan after the file in progress\n`);
  let result;
  try {
    result = await run({
      ...setup.options,
      signal: signals.signal,
      onProgress: (report, done, total) => progress.update(report, done, total),
    });
  } finally {
    progress.stop();
    signals.onFirst = undefined;
  }
  for (const warning of result.warnings) process.stderr.write(`lazymod: warning: ${warning}\n`);
  if (result.interrupted) {
    process.stderr.write("lazymod: the scan was stopped: nothing to review, nothing written\n");
    return undefined;
  }
  const failed = result.summary.filesFailed + result.summary.filesUnparsed;
  if (failed > 0)
    process.stderr.write(
      `lazymod: ${plural(failed, "file")} could not be processed or parsed (run lazymod on the same paths for the report)\n`,
    );
  const plan = planData(result, setup.planOptions, planOrigin(cwd));
  return { plan, base: cwd, source: { kind: "scan", paths: setup.planOptions.paths } };
}

function isFile(file: string): boolean {
  try {
    return lstatSync(file).isFile();
  } catch {
    return false;
  }
}

/** Where a change is, as a reviewer reads it: `src/a.ts:12`. */
function where(item: ReviewItem): string {
  return `${item.file.path}:${item.change.line}`;
}

/** The change, printed once above its prompt (it scrolls like any output; the prompt is redrawn). */
function showChange(session: Session, item: ReviewItem, notice?: string): void {
  const color = pc.isColorSupported;
  const c = pc.createColors(color);
  const columns = process.stdout.columns > 0 ? process.stdout.columns : 80;
  const { items } = session.state;
  const heading = fitTo(
    `── change ${items.indexOf(item) + 1} of ${items.length} · ${item.file.path} `,
    columns,
  );
  const rule = heading + "─".repeat(Math.max(0, columns - [...heading].length));
  const text = changeText(item.file.path, item.change, session.data.plan.options.maxRisk, {
    color,
    showImpact: true,
  });
  process.stdout.write(`\n${c.dim(rule)}\n${text}\n${notice ? `${c.yellow(notice)}\n` : ""}`);
}

/** The prompt's status line: where the review is, and what was decided. */
function statusLine(session: Session, item: ReviewItem): string {
  const counts = reviewCounts(session.state);
  const { items } = session.state;
  return `[${items.indexOf(item) + 1}/${items.length}] ${where(item)} · ${counts.accepted} yes${counts.edited > 0 ? ` (${counts.edited} edited)` : ""}, ${counts.rejected} no, ${counts.undecided} to go`;
}

/** Asks about each undecided change in turn; ends when none is left, on q, or when stopped. */
async function reviewLoop(
  session: Session,
  signals: StopSignals,
): Promise<"done" | "quit" | "interrupted"> {
  const { state } = session;
  let notice: string | undefined;
  let shown: string | undefined;
  for (;;) {
    const item = currentItem(state);
    if (!item) return "done";
    // Shown again when it is another change, or after a refused edit (with the reason).
    if (shown !== item.key || notice !== undefined) showChange(session, item);
    shown = item.key;
    let action;
    try {
      action = await reviewPrompt(
        {
          status: () => statusLine(session, item),
          ...(notice !== undefined ? { notice } : {}),
          canUndo: state.history.length > 0,
        },
        { signal: signals.signal },
      );
    } catch (error) {
      if (error instanceof ExitPromptError || error instanceof AbortPromptError)
        return "interrupted";
      throw error;
    }
    const pending = notice;
    notice = undefined;
    switch (action) {
      case "yes":
        decide(state, item, { kind: "yes" });
        break;
      case "no":
        decide(state, item, { kind: "no" });
        break;
      case "rest-of-file": {
        const count = decideRestOfFile(state, item, { kind: "yes" });
        process.stdout.write(`yes to ${plural(count, "change")} of ${item.file.path}\n`);
        break;
      }
      case "skip-file": {
        const count = decideRestOfFile(state, item, { kind: "no" });
        process.stdout.write(`skipped ${plural(count, "change")} of ${item.file.path}\n`);
        break;
      }
      case "undo": {
        const back = undo(state);
        if (back)
          notice = `undone: the decision on ${where(back)} (change ${state.items.indexOf(back) + 1}); decide it again`;
        shown = undefined;
        break;
      }
      case "edit": {
        const outcome = await editReplacement(item.file, item.change, session.data.base);
        if (outcome.kind === "edited") {
          decide(state, item, {
            kind: "edit",
            replacement: outcome.replacement,
            diff: outcome.diff,
          });
          process.stdout.write(`edited and accepted: ${where(item)}\n${outcome.diff}\n`);
        } else notice = outcome.reason;
        break;
      }
      case "quit":
        return "quit";
      case "resized":
        // The visible screen is cleared (the scrollback is kept) and the change drawn again.
        process.stdout.write("\x1b[2J\x1b[H");
        shown = undefined;
        notice = pending;
        continue;
    }
    await saveSession(session);
    // A signal that came while the editor ran (the prompt was not there to see it).
    if (signals.signal.aborted) return "interrupted";
  }
}

/** Writes (or saves as a plan) what was accepted, says what became of the rest, and ends the session. */
async function finishReview(
  session: Session,
  signals: StopSignals,
  options: { formatChanged?: FormatChoice; cwd: string },
): Promise<number> {
  const counts = reviewCounts(session.state);
  const files = acceptedFiles(session.state);
  const undecided = counts.undecided > 0 ? `, ${counts.undecided} undecided (not applied)` : "";
  process.stdout.write(
    `\nReviewed: ${counts.accepted} accepted${counts.edited > 0 ? ` (${counts.edited} edited)` : ""}, ${counts.rejected} rejected${undecided}.\n`,
  );
  if (files.length === 0) {
    process.stdout.write("Nothing accepted: nothing written.\n");
    await removeSession(session);
    return EXIT_OK;
  }
  const { output, base, plan } = session.data;
  const { source } = session.data;
  const review = {
    // The plan file reviewed, or the plan of the scan (as resumed: without the files changed since).
    of: source.kind === "plan" ? source.digest : plan.digest,
    accepted: counts.accepted,
    edited: counts.edited,
    rejected: counts.rejected,
    undecided: counts.undecided,
  };
  if (output.kind === "plan") {
    const reviewed = reviewedPlanData(plan, files, review, planOrigin(base, output.file));
    await writeOutputFile(output.file, planJson(reviewed));
    const shown = path.relative(options.cwd, output.file) || output.file;
    process.stdout.write(
      `Saved ${plural(counts.accepted, "accepted change")} to ${shown} (digest ${reviewed.digest}); nothing written. Apply them with: ${applyCommandLine(shown, reviewed.digest)}\n`,
    );
    await removeSession(session);
    return EXIT_OK;
  }
  const reviewed = reviewedPlanData(plan, files, review);
  const result = await applyPlan(reviewed, {
    cwd: base,
    signal: signals.signal,
    ...(options.formatChanged ? { formatChanged: options.formatChanged } : {}),
  });
  process.stdout.write(formatApplyResult(result, "the review"));
  if (result.interrupted) {
    // What was not written is not lost: the accepted changes, as a plan, finish the job.
    const rest = path.join(path.dirname(session.file), "lazymod-review-plan.json");
    const saved = reviewedPlanData(plan, files, review, planOrigin(base, rest));
    await writeOutputFile(rest, planJson(saved));
    const shown = path.relative(options.cwd, rest) || rest;
    process.stdout.write(
      `The accepted changes are saved in ${shown}: apply the rest with: ${applyCommandLine(shown, saved.digest)}\n`,
    );
  }
  await removeSession(session);
  if (signals.received) return signals.exitCode;
  return result.files.some((f) => f.status === "refused") ? EXIT_FAILURE : EXIT_OK;
}
