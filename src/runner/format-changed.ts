import type { FormatOutcome } from "../core/result.js";
import { BOM, withoutBom } from "../core/text.js";
import { spawn } from "node:child_process";
import path from "node:path";
import { diffLines } from "diff";
import { walk } from "../ast/walk.js";
import { canParseWithMode, parseWithMode, type ParseMode } from "../core/parse.js";
import type { Node } from "../core/types.js";
import {
  FORMATTER_LABELS,
  FORMATTER_NAMES,
  projectFormattingFor,
  type FormatterSetup,
} from "../project/formatter-config.js";
import { type FormatterName } from "../core/result.js";

/** `--format-changed[=auto|prettier|biome]`: which formatter to run on what `--write` changes. */
export type FormatChoice = "auto" | FormatterName;
export const FORMAT_CHOICES: readonly FormatChoice[] = ["auto", ...FORMATTER_NAMES];

/** Most time one formatter run may take. */
const FORMATTER_TIMEOUT_MS = 60_000;

/**
 * Runs the project's own formatter, with its own configuration, on a file lazymod changed, so a
 * file that passed the formatter's check still does. This executes the project's installed code,
 * which is why only `--format-changed` asks for it. Nothing touches the disk: the original text
 * and the new one go through the formatter's standard input. The formatted text is used only if
 * the original was already formatted (the formatter leaves it as it is), the formatted text
 * parses, and every line the formatter changed is within the statements lazymod changed; else
 * lazymod's own text is written, with the reason.
 */
export async function formatChangedText(input: {
  file: string;
  original: string;
  changed: string;
  /** How lazymod read the file: the formatter's output must parse the same way. */
  mode: ParseMode;
  choice: FormatChoice;
}): Promise<{ text: string; outcome: FormatOutcome }> {
  const own = (reason: string, formatter?: FormatterName) => ({
    text: input.changed,
    outcome: { formatter, applied: false, reason },
  });
  const setup = chooseFormatter(input.file, input.choice);
  if ("reason" in setup) return own(setup.reason, setup.formatter);
  const { name, label } = setup;
  const bom = input.changed.startsWith(BOM) ? BOM : "";
  const original = withoutBom(input.original);
  const changed = withoutBom(input.changed);
  const [before, after] = await Promise.all([
    runFormatter(setup, input.file, original),
    runFormatter(setup, input.file, changed),
  ]);
  if (!before.ok) return own(`${label} failed on the original text: ${before.reason}`, name);
  if (before.output !== original)
    return own(`the file was not formatted with ${label} before lazymod changed it`, name);
  if (!after.ok) return own(`${label} failed: ${after.reason}`, name);
  if (!canParseWithMode(after.output, input.mode))
    return own(`${label}'s output does not parse`, name);
  const allowed = allowedLines(original, changed, input.mode);
  const stray = lineChangedOutside(original, after.output, allowed);
  if (stray !== undefined)
    return own(`${label} also changed line ${stray}, outside what lazymod changed`, name);
  return { text: bom + after.output, outcome: { formatter: name, applied: true } };
}

/** The nearest configured formatter (`auto`) or the one named, with its installed binary. */
function chooseFormatter(
  file: string,
  choice: FormatChoice,
): (FormatterSetup & { binary: string }) | { reason: string; formatter?: FormatterName } {
  const { formatters } = projectFormattingFor(file);
  const setup = choice === "auto" ? formatters[0] : formatters.find((f) => f.name === choice);
  if (!setup) {
    return choice === "auto"
      ? { reason: "no Prettier, Biome or oxfmt configuration applies to it" }
      : { reason: `no ${FORMATTER_LABELS[choice]} configuration applies to it`, formatter: choice };
  }
  if (!setup.binary) {
    return {
      reason: `${setup.label} is configured (${path.basename(setup.configFile)}) but not installed (no node_modules/.bin/${setup.name})`,
      formatter: setup.name,
    };
  }
  return setup as FormatterSetup & { binary: string };
}

type FormatterRun = { ok: true; output: string } | { ok: false; reason: string };

/** One formatter run over standard input, from the configuration's directory. */
function runFormatter(
  setup: FormatterSetup & { binary: string },
  file: string,
  text: string,
): Promise<FormatterRun> {
  const absolute = path.resolve(file);
  const args =
    setup.name === "prettier"
      ? ["--stdin-filepath", absolute]
      : setup.name === "oxfmt"
        ? [`--stdin-filepath=${absolute}`]
        : ["format", `--stdin-file-path=${absolute}`];
  return new Promise((resolve) => {
    const child = spawn(setup.binary, args, {
      cwd: path.dirname(setup.configFile),
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      timeout: FORMATTER_TIMEOUT_MS,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => resolve({ ok: false, reason: error.message }));
    child.on("close", (code, signal) => {
      if (code === 0) {
        resolve({ ok: true, output: Buffer.concat(stdout).toString("utf8") });
        return;
      }
      const message = firstLine(Buffer.concat(stderr).toString("utf8"));
      const status = signal ? `stopped by ${signal}` : `exit code ${code}`;
      resolve({ ok: false, reason: message ? `${status}: ${message}` : status });
    });
    // A formatter that exits before reading everything must not crash lazymod with EPIPE.
    child.stdin.on("error", () => undefined);
    child.stdin.end(text, "utf8");
  });
}

function firstLine(text: string): string {
  const line = text.split("\n").find((l) => l.trim() !== "") ?? "";
  return line.trim().slice(0, 200);
}

// ─── What the formatter may touch ───────────────────────────────────────────────────────────

/**
 * The lines (1-based, of the original) the formatter may change: those of each statement that
 * lazymod changed, and the line on either side (where a blank line may go).
 */
function allowedLines(original: string, changed: string, mode: ParseMode): Set<number> {
  const spans = enclosingStatements(original, mode, changedSpans(original, changed));
  const lineOf = lineFinder(original);
  const allowed = new Set<number>();
  for (const [from, to] of spans) {
    const first = lineOf(from) - 1;
    const last = lineOf(Math.max(from, to - 1)) + 1;
    for (let line = first; line <= last; line++) allowed.add(line);
  }
  return allowed;
}

/** The ranges of the original that the changed text replaces (by line), as offsets. */
function changedSpans(original: string, changed: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let offset = 0;
  for (const part of diffLines(original, changed)) {
    if (part.added) {
      spans.push([offset, offset]);
      continue;
    }
    if (part.removed) {
      // The lines' code, without their indentation and line break, so the statement holds it.
      const lead = /^\s*/.exec(part.value)![0].length;
      const trail = /\s*$/.exec(part.value.slice(lead))![0].length;
      spans.push([offset + lead, offset + part.value.length - trail]);
    }
    offset += part.value.length;
  }
  return spans;
}

/** For each span, the range of the innermost statement (or class member) that contains it. */
function enclosingStatements(
  original: string,
  mode: ParseMode,
  spans: readonly [number, number][],
): Array<[number, number]> {
  let ast: Node;
  try {
    ast = parseWithMode(original, mode).program;
  } catch {
    return [...spans];
  }
  return spans.map(([start, end]) => {
    let span: [number, number] = [start, end];
    walk(ast, (node) => {
      const from = node.start ?? 0;
      const to = node.end ?? 0;
      if (from > start || to < end) return false;
      if (isStatementLike(node)) span = [from, to];
      return true;
    });
    return span;
  });
}

function isStatementLike(node: Node): boolean {
  return (
    (/Statement$|Declaration$/.test(node.type) && node.type !== "BlockStatement") ||
    node.type === "ClassMethod" ||
    node.type === "ClassProperty" ||
    node.type === "ObjectMethod"
  );
}

function lineFinder(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}

/** The first original line the formatted text changes, or next to which it adds lines, outside `allowed`. */
function lineChangedOutside(
  original: string,
  formatted: string,
  allowed: ReadonlySet<number>,
): number | undefined {
  let line = 1;
  for (const part of diffLines(original, formatted)) {
    const count = part.count ?? 0;
    if (part.added) {
      // Inserted between original lines `line - 1` and `line`.
      if (!allowed.has(line) && !allowed.has(line - 1)) return line;
      continue;
    }
    if (part.removed) {
      for (let i = line; i < line + count; i++) if (!allowed.has(i)) return i;
    }
    line += count;
  }
  return undefined;
}
