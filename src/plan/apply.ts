import { BOM } from "../core/text.js";
import { fileErrorReason } from "../core/errors.js";
import { lstat, readFile } from "node:fs/promises";
import path from "node:path";
import { parseFileSource, parseWithMode, type ParseMode } from "../core/parse.js";
import { formatChangedText, type FormatChoice } from "../runner/format-changed.js";
import { type FormatOutcome } from "../core/result.js";
import { sha256, writeFileAtomic } from "../runner/write.js";
import { eventLoopYielder } from "../runner/yield.js";
import type { TypeGate, TypeDiagnostic } from "../core/type-facts.js";
import { applyTypes, quoteDiagnostic, type ApplyTypes } from "./apply-types.js";
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
  /**
   * Type-check each result with the project's TypeScript program (the tsconfig.json or
   * jsconfig.json that owns the file, as the files are now) and hold back a change that adds a
   * compiler error. Off by default in the library; the command line's default is on.
   */
  types?: boolean;
  /** Most heap (MiB) one TypeScript program may add (see RunOptions.typesMemoryMb). */
  typesMemoryMb?: number;
}

/** A planned change `apply` did not apply because the result would not type-check. */
export interface HeldChange {
  transform: string;
  line: number;
  column: number;
  /** The first compiler error it adds: `TS2339: Property 'some' does not exist on type …`. */
  error: string;
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
      /** Selected changes held back: each would add a compiler error (with `types`). */
      typeErrors?: HeldChange[];
    }
  /** Nothing written: every selected change not yet applied would add a compiler error. */
  | { status: "held"; typeErrors: HeldChange[] }
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
  /** Each tsconfig (or file) the type check could not use, and why. */
  warnings: string[];
  /** With `types`: what the type check did. */
  types?: {
    /** Files whose result was type-checked. */
    checked: number;
    /** Changes held back for a compiler error. */
    held: number;
    /** The TypeScript that checked them, and whose it is. */
    compiler?: string;
  };
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
  const result: ApplyResult = {
    files: [],
    maxRisk,
    aboveMaxRisk: 0,
    notInOnly: 0,
    warnings: [],
  };
  const isSelected = (change: PlannedChange) =>
    change.risk.score <= maxRisk && (!options.only || options.only.has(change.transform));
  const types = options.types ? await typesFor(plan, isSelected, options) : undefined;
  if (types) {
    result.warnings.push(...types.warnings);
    result.types = {
      checked: 0,
      held: 0,
      ...(types.stats.compiler ? { compiler: types.stats.compiler } : {}),
    };
  }
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
    result.files.push(await applyFile(file, fixable, selected, options, types, result));
  }
  return result;
}

/** The programs for the plan's files that have changes to apply (safe paths, not excluded). */
async function typesFor(
  plan: Plan,
  isSelected: (change: PlannedChange) => boolean,
  options: ApplyOptions,
): Promise<ApplyTypes> {
  const files: string[] = [];
  for (const file of plan.files) {
    if (!file.changes.some((c) => c.status !== "report" && isSelected(c))) continue;
    if (!isInside(file.path)) continue;
    const absolute = path.resolve(options.cwd, file.path);
    if (!options.exclude?.(absolute)) files.push(absolute);
  }
  return applyTypes(options.cwd, files, options.typesMemoryMb);
}

/** A plan path that stays in the directory the plan was made in. */
function isInside(file: string): boolean {
  return !path.isAbsolute(file) && !file.split(/[\\/]/).includes("..");
}

async function applyFile(
  file: PlannedFile,
  fixable: PlannedChange[],
  selected: ReadonlySet<PlannedChange>,
  options: ApplyOptions,
  types: ApplyTypes | undefined,
  result: ApplyResult,
): Promise<FileOutcome> {
  const refuse = (reason: string): FileOutcome => ({ path: file.path, status: "refused", reason });
  if (!isInside(file.path))
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
  const renderWith = (chosen: ReadonlySet<PlannedChange>): Rendered => {
    const after = new Set<PlannedChange>();
    let output = "";
    let cursor = 0;
    for (const region of state.regions) {
      output +=
        text.slice(cursor, region.position) + render(region.node, state.applied, chosen, after);
      cursor = region.position + region.length;
    }
    output += text.slice(cursor);
    return { output, effect: inEffect(forest, after) };
  };
  let { output, effect: afterEffect } = renderWith(selected);
  let typeErrors: HeldChange[] = [];
  const gate = types?.gateOf(absolute, text);
  if (gate && fixable.some((c) => afterEffect.has(c) && !before.has(c))) {
    try {
      const checked = withoutTypeErrors(gate, selected, before, renderWith);
      ({ output, effect: afterEffect } = checked.rendered);
      typeErrors = checked.held;
      result.types!.checked++;
      result.types!.held += typeErrors.length;
    } catch (error) {
      // TypeScript failed on this file: it is applied as planned, unchecked, and that is said.
      result.warnings.push(
        `${file.path}: TypeScript failed on it (${types?.failureOf(absolute) ?? (error as Error).message}); it is applied without a type check`,
      );
    }
  }
  const applied = fixable.filter((c) => afterEffect.has(c) && !before.has(c)).length;
  const alreadyApplied = [...selected].filter((c) => before.has(c)).length;
  const superseded = [...selected].filter(
    (c) => !afterEffect.has(c) && !typeErrors.some((held) => isHeld(held, c)),
  ).length;
  if (applied === 0)
    return typeErrors.length > 0
      ? { path: file.path, status: "held", typeErrors }
      : { path: file.path, status: "already-applied", alreadyApplied };

  // The result is checked in the mode the planned text parses in, as lazymod's run checked it
  // (a file read as a sloppy-mode script is checked as a script, not as a module, nor as anything).
  let mode: ParseMode;
  try {
    mode = parseFileSource(file.path, state.original).mode;
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
    ...(typeErrors.length > 0 ? { typeErrors } : {}),
  };
}

interface Rendered {
  output: string;
  /** The changes whose rewrite is in `output`. */
  effect: Set<PlannedChange>;
}

/** Rounds of holding back before every change still adding an error is held at once. */
const MAX_TYPE_ROUNDS = 3;

/**
 * The selection without the changes that add a compiler error, as the run's type-check gate
 * finds them: the whole result first (one check when all is well), then each change this apply
 * brings in, alone against the file as it is, so that the error is put on the change that causes
 * it; errors only changes together cause hold all of them. Throws if TypeScript does.
 */
function withoutTypeErrors(
  gate: TypeGate,
  selected: ReadonlySet<PlannedChange>,
  before: ReadonlySet<PlannedChange>,
  renderWith: (chosen: ReadonlySet<PlannedChange>) => Rendered,
): { rendered: Rendered; held: HeldChange[] } {
  const chosen = new Set(selected);
  let rendered = renderWith(chosen);
  const held: HeldChange[] = [];
  for (let round = 0; ; round++) {
    const [error] = gate.newErrors(rendered.output);
    if (!error) break;
    const brought = [...chosen].filter((c) => rendered.effect.has(c) && !before.has(c));
    const culprits = new Map<PlannedChange, TypeDiagnostic>();
    if (round < MAX_TYPE_ROUNDS)
      for (const change of brought) {
        const [own] = gate.newErrors(renderWith(new Set([change])).output);
        if (own) culprits.set(change, own);
      }
    if (culprits.size === 0) for (const change of brought) culprits.set(change, error);
    for (const [change, diagnostic] of culprits) {
      chosen.delete(change);
      held.push({
        transform: change.transform,
        line: change.line,
        column: change.column,
        error: quoteDiagnostic(diagnostic),
      });
    }
    rendered = renderWith(chosen);
  }
  return { rendered, held: held.sort((a, b) => a.line - b.line || a.column - b.column) };
}

function isHeld(held: HeldChange, change: PlannedChange): boolean {
  return (
    held.transform === change.transform &&
    held.line === change.line &&
    held.column === change.column
  );
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
