import { BOM } from "../core/text.js";
import { fileErrorReason } from "../core/errors.js";
import { lstat, readFile } from "node:fs/promises";
import path from "node:path";
import {
  allowsScript,
  parserForPath,
  parseSourceWithMode,
  parseWithMode,
  type ParseMode,
} from "../core/parse.js";
import { formatChangedText, type FormatChoice } from "../runner/format-changed.js";
import { type FormatOutcome } from "../core/result.js";
import { sha256, writeFileAtomic } from "../runner/write.js";
import { eventLoopYielder } from "../runner/yield.js";
import type { Plan, PlannedChange, PlannedFile } from "./plan.js";

export interface ApplyOptions {
  /** Plan paths are relative to this directory (where the plan was made). */
  cwd: string;
  /**
   * Apply changes scoring at most this, held-back ones included. Without it, the changes the plan
   * marks `apply` (those at or below the plan's own threshold, or, in a reviewed plan, the ones
   * the reviewer accepted).
   */
  maxRisk?: number;
  /** Apply only these transforms' changes. */
  only?: ReadonlySet<string>;
  /** Files (absolute paths) to leave alone. */
  exclude?: (file: string) => boolean;
  /** Run the project's formatter on each file written (it executes the project's code). */
  formatChanged?: FormatChoice;
  /** Stops the apply: no other file is started; the one in progress is finished (or not written). */
  signal?: AbortSignal;
}

export type FileOutcome = { path: string } & (
  | {
      status: "applied";
      /** Changes now in effect that were not before (an enclosing change counts with the ones it includes). */
      applied: number;
      alreadyApplied: number;
      /** Selected changes not applied because an enclosing change was (found again by a new run). */
      superseded: number;
      /** With `formatChanged`: whether the project's formatter was applied. */
      formatting?: FormatOutcome;
    }
  | { status: "already-applied"; alreadyApplied: number }
  | { status: "nothing-selected" }
  | { status: "excluded" }
  | { status: "refused"; reason: string }
);

export interface ApplyResult {
  files: FileOutcome[];
  maxRisk: number;
  /** Fixable changes above maxRisk, left out. */
  aboveMaxRisk: number;
  /** Fixable changes of transforms not in `only`, left out. */
  notInOnly: number;
  /** Set when `signal` stopped the apply: the plan's files it never started, left as they were. */
  interrupted?: { notStarted: string[] };
}

interface Node {
  change: PlannedChange;
  children: Node[];
}

// `ignoreBOM` keeps a byte-order mark in the text, as when the plan was made.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Applies a plan's changes exactly, without running detection again. Each file is re-read; if its
 * sha256 differs from the plan's, it is refused, unless it is the planned file with some of the
 * planned changes already applied (applying a plan twice, or a riskier band after a safer one).
 * Never throws for one file: every problem is that file's outcome.
 */
export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const maxRisk = options.maxRisk ?? plan.options.maxRisk;
  const result: ApplyResult = { files: [], maxRisk, aboveMaxRisk: 0, notInOnly: 0 };
  const yieldToEventLoop = eventLoopYielder();
  for (const [index, file] of plan.files.entries()) {
    const fixable = file.changes.filter((c) => c.status !== "report");
    if (fixable.length === 0) continue;
    // Parsing and rewriting are synchronous: let a signal in between files.
    await yieldToEventLoop();
    if (options.signal?.aborted) {
      result.interrupted = {
        notStarted: plan.files
          .slice(index)
          .filter((f) => f.changes.some((c) => c.status !== "report"))
          .map((f) => f.path),
      };
      break;
    }
    const selected = new Set<PlannedChange>();
    for (const change of fixable) {
      // Without --max-risk, what the plan marks `apply` (a reviewed plan marks every change a
      // reviewer accepted so, whatever its score); with it, every change up to that score.
      const chosen =
        options.maxRisk === undefined ? change.status === "apply" : change.risk.score <= maxRisk;
      if (!chosen) result.aboveMaxRisk++;
      else if (options.only && !options.only.has(change.transform)) result.notInOnly++;
      else selected.add(change);
    }
    result.files.push(await applyFile(file, fixable, selected, options));
  }
  return result;
}

async function applyFile(
  file: PlannedFile,
  fixable: PlannedChange[],
  selected: ReadonlySet<PlannedChange>,
  options: ApplyOptions,
): Promise<FileOutcome> {
  const refuse = (reason: string): FileOutcome => ({ path: file.path, status: "refused", reason });
  if (path.isAbsolute(file.path) || file.path.split(/[\\/]/).includes(".."))
    return refuse("the path leaves the directory the plan was made in; not written");
  const absolute = path.resolve(options.cwd, file.path);
  if (options.exclude?.(absolute)) return { path: file.path, status: "excluded" };
  if (selected.size === 0) return { path: file.path, status: "nothing-selected" };
  if (!file.sha256) return refuse("the plan has no sha256 for this file");
  const forest = nest(fixable);
  if (!forest) return refuse("the plan's changes for this file overlap; the plan is damaged");

  let bytes: Buffer;
  try {
    const info = await lstat(absolute);
    if (info.isSymbolicLink()) return refuse("is a symbolic link; not written through");
    if (!info.isFile()) return refuse("is not a regular file");
    bytes = await readFile(absolute);
  } catch (error) {
    return refuse(fileErrorReason(error, { ENOENT: "no longer exists" }));
  }
  let decoded: string;
  try {
    decoded = utf8.decode(bytes);
  } catch {
    return refuse("changed since the plan was made (no longer valid UTF-8); make a new plan");
  }
  const bom = decoded.startsWith(BOM) ? BOM : "";
  const text = decoded.slice(bom.length);
  const state = sha256(bytes) === file.sha256 ? pristine(forest, text) : recognise(forest, text);
  if (state === "mismatch")
    return refuse(
      "the plan does not match the file it names (same sha256, other text); the plan is damaged",
    );
  if (!state || sha256(bom + state.original) !== file.sha256)
    return refuse("changed since the plan was made (sha256 differs); not written. Make a new plan");

  const before = inEffect(forest, state.applied);
  const after = new Set<PlannedChange>();
  let output = "";
  let cursor = 0;
  for (const region of state.regions) {
    output +=
      text.slice(cursor, region.position) + render(region.node, state.applied, selected, after);
    cursor = region.position + region.length;
  }
  output += text.slice(cursor);
  const afterEffect = inEffect(forest, after);
  const applied = fixable.filter((c) => afterEffect.has(c) && !before.has(c)).length;
  const alreadyApplied = [...selected].filter((c) => before.has(c)).length;
  const superseded = [...selected].filter((c) => !afterEffect.has(c)).length;
  if (applied === 0) return { path: file.path, status: "already-applied", alreadyApplied };

  // The result is checked in the mode the planned text parses in, as lazymod's run checked it
  // (a file read as a sloppy-mode script is checked as a script, not as a module, nor as anything).
  const parser = parserForPath(file.path) ?? "babylon";
  let mode: ParseMode;
  try {
    mode = parseSourceWithMode(state.original, parser, {
      allowScript: allowsScript(file.path, parser),
    }).mode;
  } catch (error) {
    return refuse(
      `the planned text does not parse (${(error as Error).message}); the plan is damaged or from another version of lazymod`,
    );
  }
  try {
    parseWithMode(output, mode);
  } catch (error) {
    return refuse(`the result would not parse (${(error as Error).message}); not written`);
  }
  let written = bom + output;
  let formatting: FormatOutcome | undefined;
  if (options.formatChanged) {
    const formatted = await formatChangedText({
      file: absolute,
      original: decoded,
      changed: written,
      mode,
      choice: options.formatChanged,
    });
    written = formatted.text;
    formatting = formatted.outcome;
  }
  try {
    await writeFileAtomic(absolute, written, sha256(bytes));
  } catch (error) {
    return refuse((error as Error).message);
  }
  return {
    path: file.path,
    status: "applied",
    applied,
    alreadyApplied,
    superseded,
    ...(formatting ? { formatting } : {}),
  };
}

/**
 * The changes as a forest by range: a change inside another is its child (a held change can
 * enclose changes of earlier passes). Undefined when two ranges overlap without nesting.
 */
function nest(changes: readonly PlannedChange[]): Node[] | undefined {
  // Outer first; on equal ranges a held change encloses the applied one it was projected over.
  const sorted = [...changes].sort(
    (a, b) =>
      a.start - b.start ||
      b.end - a.end ||
      (a.status === "held" ? 0 : 1) - (b.status === "held" ? 0 : 1),
  );
  const roots: Node[] = [];
  const stack: Node[] = [];
  for (const change of sorted) {
    if (change.end < change.start || change.original.length !== change.end - change.start)
      return undefined;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!.change;
      if (top.start <= change.start && change.end <= top.end) break;
      stack.pop();
    }
    const siblings = stack.length > 0 ? stack[stack.length - 1]!.children : roots;
    const previous = siblings[siblings.length - 1]?.change;
    if (previous && change.start < previous.end) return undefined;
    const node: Node = { change, children: [] };
    siblings.push(node);
    stack.push(node);
  }
  return roots;
}

interface Region {
  node: Node;
  /** Where the node's range is in the current text, and how long it is there. */
  position: number;
  length: number;
}

interface FileState {
  /** Changes found applied in the current text. */
  applied: Set<PlannedChange>;
  regions: Region[];
  /** The original text, rebuilt from the current one. */
  original: string;
}

/** The file is exactly as planned: every change's original text must be where the plan says. */
function pristine(forest: readonly Node[], text: string): FileState | "mismatch" {
  const all: Node[] = [];
  const collect = (nodes: readonly Node[]) => {
    for (const node of nodes) {
      all.push(node);
      collect(node.children);
    }
  };
  collect(forest);
  if (all.some(({ change }) => text.slice(change.start, change.end) !== change.original))
    return "mismatch";
  return {
    applied: new Set(),
    regions: forest.map((node) => ({
      node,
      position: node.change.start,
      length: node.change.end - node.change.start,
    })),
    original: text,
  };
}

/**
 * Reads which planned changes the current text already has: each top-level range holds either
 * its replacement, or its original text with nested ranges read the same way. The text between
 * ranges is taken as unchanged; the caller checks that by hashing the rebuilt original.
 */
function recognise(forest: readonly Node[], text: string): FileState | undefined {
  const applied = new Set<PlannedChange>();
  const regions: Region[] = [];
  let original = "";
  let cursor = 0;
  let delta = 0;
  for (const node of forest) {
    const position = node.change.start + delta;
    if (position < cursor || position > text.length) return undefined;
    const length = readRegion(node, text, position, applied);
    if (length === undefined) return undefined;
    original += text.slice(cursor, position) + node.change.original;
    regions.push({ node, position, length });
    cursor = position + length;
    delta += length - (node.change.end - node.change.start);
  }
  original += text.slice(cursor);
  return { applied, regions, original };
}

function readRegion(
  node: Node,
  text: string,
  position: number,
  applied: Set<PlannedChange>,
): number | undefined {
  const { change } = node;
  if (text.startsWith(change.replacement, position)) {
    applied.add(change);
    return change.replacement.length;
  }
  let cursor = position;
  let from = change.start;
  for (const child of node.children) {
    const gap = change.original.slice(from - change.start, child.change.start - change.start);
    if (!text.startsWith(gap, cursor)) return undefined;
    cursor += gap.length;
    const length = readRegion(child, text, cursor, applied);
    if (length === undefined) return undefined;
    cursor += length;
    from = child.change.end;
  }
  const tail = change.original.slice(from - change.start);
  if (!text.startsWith(tail, cursor)) return undefined;
  return cursor + tail.length - position;
}

/** The region's new text: applied changes stay applied, selected ones are applied. */
function render(
  node: Node,
  applied: ReadonlySet<PlannedChange>,
  selected: ReadonlySet<PlannedChange>,
  after: Set<PlannedChange>,
): string {
  const { change } = node;
  if (applied.has(change) || selected.has(change)) {
    after.add(change);
    return change.replacement;
  }
  let out = "";
  let from = change.start;
  for (const child of node.children) {
    out += change.original.slice(from - change.start, child.change.start - change.start);
    out += render(child, applied, selected, after);
    from = child.change.end;
  }
  return out + change.original.slice(from - change.start);
}

/**
 * The changes whose rewrite is in a text where `applied` are: those, plus every `apply` change
 * inside an applied one (a held change's replacement was built over them), but not `held` ones.
 */
function inEffect(
  forest: readonly Node[],
  applied: ReadonlySet<PlannedChange>,
): Set<PlannedChange> {
  const effect = new Set<PlannedChange>();
  const visit = (nodes: readonly Node[], insideApplied: boolean) => {
    for (const node of nodes) {
      const own = applied.has(node.change) && !insideApplied;
      const included = insideApplied && node.change.status === "apply";
      if (own || included) effect.add(node.change);
      visit(node.children, insideApplied || own);
    }
  };
  visit(forest, false);
  return effect;
}
