import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { hunkFor, LineIndex } from "../core/hunk.js";
import { parseFileSource, parseWithMode, type ParseMode } from "../core/parse.js";
import { BOM } from "../core/text.js";
import type { PlannedChange, PlannedFile } from "../plan/plan.js";
import { sha256 } from "../runner/write.js";

export type EditOutcome =
  | { kind: "edited"; replacement: string; diff: string }
  | { kind: "unchanged"; reason: string }
  | { kind: "refused"; reason: string };

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The editor a user has chosen, as git picks it: $VISUAL, then $EDITOR, then vi. */
function editorCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.VISUAL?.trim() || env.EDITOR?.trim() || "vi";
}

/**
 * Opens the user's editor on a change's replacement and checks what comes back: the file (as the
 * plan read it: same sha256) with the new replacement in place of the old must parse in the mode
 * the file was read in (a script as a script, TypeScript as TypeScript). An empty or unchanged
 * text changes nothing; an editor that fails changes nothing.
 */
export async function editReplacement(
  file: PlannedFile,
  change: PlannedChange,
  base: string,
): Promise<EditOutcome> {
  const absolute = path.resolve(base, file.path);
  let text: string;
  try {
    const bytes = await readFile(absolute);
    if (sha256(bytes) !== file.sha256)
      return {
        kind: "refused",
        reason: `${file.path} changed since the plan was made: it cannot be edited here (nor applied); review it again`,
      };
    text = utf8.decode(bytes);
  } catch (error) {
    return { kind: "refused", reason: `${file.path} cannot be read: ${(error as Error).message}` };
  }
  if (text.startsWith(BOM)) text = text.slice(1);
  let mode: ParseMode;
  try {
    mode = parseFileSource(file.path, text).mode;
  } catch (error) {
    return {
      kind: "refused",
      reason: `${file.path} does not parse as the plan read it: ${(error as Error).message}`,
    };
  }
  const edited = await runEditor(file.path, change.replacement);
  if (edited.kind !== "edited") return edited;
  const replacement = withLineEndingsOf(edited.text, change.replacement, text);
  if (replacement.trim() === "")
    return {
      kind: "unchanged",
      reason: "the edit is empty: nothing changed (n leaves the code as it is)",
    };
  if (replacement === change.replacement)
    return { kind: "unchanged", reason: "the replacement was not changed in the editor" };
  const result = text.slice(0, change.start) + replacement + text.slice(change.end);
  try {
    parseWithMode(result, mode);
  } catch (error) {
    return {
      kind: "refused",
      reason: `the edited replacement does not parse (${describeMode(mode)}): ${(error as Error).message}; not accepted`,
    };
  }
  return {
    kind: "edited",
    replacement,
    diff: hunkFor(new LineIndex(text), change.start, change.end, replacement),
  };
}

function describeMode(mode: ParseMode): string {
  const language =
    mode.parser === "babylon" ? "JavaScript" : mode.parser === "tsx" ? "TSX" : "TypeScript";
  return `as a ${language} ${mode.sourceType}, as the file is read`;
}

/**
 * Editors end a file with a line break; a replacement that had none gets none, and a file with
 * CRLF line breaks keeps them in a replacement the editor wrote with LF.
 */
function withLineEndingsOf(edited: string, previous: string, file: string): string {
  let text = edited;
  if (!/\r?\n$/.test(previous)) text = text.replace(/\r?\n$/, "");
  const crlf = file.includes("\r\n") && !/(^|[^\r])\n/.test(file);
  return crlf ? text.replace(/(^|[^\r])\n/g, "$1\r\n") : text;
}

/** Runs the editor on a temporary file holding `text` (named like the source file, for its syntax colouring). */
async function runEditor(
  source: string,
  text: string,
): Promise<{ kind: "edited"; text: string } | { kind: "refused"; reason: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), "lazymod-edit-"));
  const extension = path.extname(source);
  const file = path.join(dir, `${path.basename(source, extension)}.replacement${extension}`);
  try {
    await writeFile(file, text, "utf8");
    const editor = editorCommand();
    // Through the shell, as git runs it, so `code --wait` or `emacsclient -t` work as they are set.
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn("sh", ["-c", `${editor} "$@"`, editor, file], { stdio: "inherit" });
      child.on("error", reject);
      child.on("close", (status) => resolve(status));
    });
    if (code !== 0)
      return {
        kind: "refused",
        reason: `the editor (${editor}) exited with ${code === null ? "a signal" : `code ${code}`}: nothing changed`,
      };
    return { kind: "edited", text: await readFile(file, "utf8") };
  } catch (error) {
    return { kind: "refused", reason: `the editor could not be run: ${(error as Error).message}` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
