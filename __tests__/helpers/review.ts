import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "./cli.js";

/** The project the review-workflow tests scan, and where its expected outputs live. */
export const REVIEW_PROJECT = path.join(ROOT, "__tests__/fixtures/review-project");
export const REVIEW_OUTPUT = path.join(ROOT, "__tests__/fixtures/review-output");

/** A CRLF file with a byte-order mark, made at run time so no checkout setting can alter it. */
export const CRLF_FILE = "src/windows.ts";
export const CRLF_SOURCE =
  "\uFEFFconst xs: number[] = [1, 2];\r\nexport const big = xs.filter((x) => x > 1).length > 0;\r\n";

/** A temporary copy of the review project (plus the CRLF file); removed by `cleanup`. */
export function reviewProjectCopy(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "lazymod-review-"));
  cpSync(REVIEW_PROJECT, dir, { recursive: true });
  writeFileSync(path.join(dir, CRLF_FILE), CRLF_SOURCE);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs git in a directory, throwing with its stderr on failure. */
export function git(args: readonly string[], cwd: string, input?: string): string {
  const result = spawnSync("git", [...args], {
    cwd,
    encoding: "utf8",
    input,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "test",
      GIT_AUTHOR_EMAIL: "test@example.com",
      GIT_COMMITTER_NAME: "test",
      GIT_COMMITTER_EMAIL: "test@example.com",
      GIT_CONFIG_NOSYSTEM: "1",
      HOME: cwd,
    },
  });
  if (result.status !== 0)
    throw new Error(`git ${args.join(" ")} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

/** A git repository holding the directory's files in one commit on `main`. */
export function initRepository(dir: string): void {
  git(["init", "-q", "-b", "main"], dir);
  git(["config", "core.autocrlf", "false"], dir);
  git(["add", "-A"], dir);
  git(["commit", "-q", "-m", "base"], dir);
}
