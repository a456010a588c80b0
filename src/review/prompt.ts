import { createPrompt, useEffect, useKeypress, useState } from "@inquirer/core";

// The question asked for each change, on @inquirer/core: it owns the terminal (raw mode, key
// decoding, Ctrl-C, restoring the terminal on every exit path) and redraws the prompt when its
// state changes; lazymod only says what the keys do and what the prompt shows.

type ReviewAction = "yes" | "no" | "edit" | "rest-of-file" | "skip-file" | "undo" | "quit";

/**
 * What the prompt ends with: a key's action, or `resized` when the terminal changed size
 * (SIGWINCH): the caller then draws the change again at the new width, on a cleared screen. A
 * prompt cannot just redraw itself there: a terminal that reflows its lines (most do) has moved
 * what was drawn, and one that does not has cut it, so no cursor arithmetic erases it right in both.
 */
export type PromptOutcome = ReviewAction | "resized";

const KEYS: Record<string, ReviewAction> = {
  y: "yes",
  n: "no",
  e: "edit",
  a: "rest-of-file",
  d: "skip-file",
  u: "undo",
  q: "quit",
};

/** How an answer is recorded on the screen once given. */
const ANSWERS: Record<PromptOutcome, string> = {
  yes: "y (yes)",
  no: "n (no)",
  edit: "e (edit)",
  "rest-of-file": "a (yes to the rest of this file)",
  "skip-file": "d (skip the rest of this file)",
  undo: "u (undo)",
  quit: "q (quit)",
  resized: "",
};

const KEY_HELP: ReadonlyArray<readonly [key: string, text: string]> = [
  ["y", "yes: apply this change"],
  ["n", "no: leave the code as it is"],
  ["e", "edit the replacement in $VISUAL or $EDITOR (it must parse), then apply it"],
  ["a", "yes to this change and to the rest of this file"],
  ["d", "no to this change and to the rest of this file (skip the file)"],
  ["u", "undo the last decision"],
  ["q", "quit: keep what you accepted, leave the rest undecided"],
  ["?", "show or hide this help"],
];

export interface ReviewPromptConfig {
  /** The status line for a terminal this wide (position, file, counts). */
  status: (columns: number) => string;
  /** Shown above the question until the next key: why an edit was refused, what undo undid. */
  notice?: string;
  canUndo: boolean;
}

/** The terminal's width now (80 when it does not say). */
function columnsNow(): number {
  const columns = process.stdout.columns;
  return typeof columns === "number" && columns > 0 ? columns : 80;
}

/** `text` cut to `width` characters, with `…` where it was cut. */
export function fitTo(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  return `${chars.slice(0, Math.max(0, width - 1)).join("")}…`;
}

export const reviewPrompt = createPrompt<PromptOutcome, ReviewPromptConfig>((config, done) => {
  const [columns] = useState(columnsNow());
  const [help, setHelp] = useState(false);
  const [notice, setNotice] = useState(config.notice ?? "");
  // Once answered, the prompt is drawn one last time as a record: the question and the answer.
  const [answer, setAnswer] = useState<PromptOutcome | undefined>(undefined);
  // SIGWINCH: the terminal was resized; the caller draws everything again at the new width.
  useEffect(() => {
    const resized = () => {
      setAnswer("resized");
      done("resized");
    };
    process.stdout.on("resize", resized);
    return () => {
      process.stdout.off("resize", resized);
    };
  }, []);
  useKeypress((key, rl) => {
    // Printable keys land in readline's line buffer: read the key from there and empty it.
    const typed = rl.line.slice(-1) || key.name;
    rl.clearLine(0);
    if (typed === "?") {
      setHelp(!help);
      setNotice("");
      return;
    }
    const action = KEYS[typed.toLowerCase()];
    if (!action) {
      setNotice(`"${typed}" is not a key here: press ? for help`);
      return;
    }
    if (action === "undo" && !config.canUndo) {
      setNotice("nothing to undo");
      return;
    }
    setAnswer(action);
    done(action);
  });
  const width = Math.max(10, columns - 1);
  const question = "Apply this change? [y,n,e,a,d,u,q,?] ";
  if (answer === "resized") return "";
  if (answer) return `${fitTo(config.status(columns), width)}\n${question}${ANSWERS[answer]}`;
  const lines = [fitTo(config.status(columns), width)];
  // A notice (why an edit was refused) is wrapped, not cut: every word of it matters.
  if (notice) lines.push(notice);
  lines.push(question);
  const bottom = help
    ? KEY_HELP.map(([key, text]) => fitTo(`${key} - ${text}`, width)).join("\n")
    : undefined;
  return [lines.join("\n"), bottom];
});
