import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { UsageError } from "../src/core/errors.js";
import { changedFilesSince } from "../src/runner/since.js";
import { tempProject } from "./helpers/cli.js";
import { git, initRepository } from "./helpers/review.js";

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function repository() {
  const p = tempProject({
    ".gitignore": "ignored/\n",
    "src/untouched.ts": "export const a = 1;\n",
    "src/edited.ts": "export const b = 1;\n",
    "src/committed.ts": "export const c = 1;\n",
    "src/deleted.ts": "export const d = 1;\n",
    "src/renamed.ts": "export const e = 1;\n",
    "src/on-main.ts": "export const f = 1;\n",
  });
  cleanups.push(p.cleanup);
  initRepository(p.dir);
  git(["checkout", "-q", "-b", "feature"], p.dir);
  writeFileSync(path.join(p.dir, "src/committed.ts"), "export const c = 2;\n");
  git(["mv", "src/renamed.ts", "src/moved.ts"], p.dir);
  git(["commit", "-qam", "feature work"], p.dir);
  // Uncommitted, untracked, ignored and deleted files.
  writeFileSync(path.join(p.dir, "src/edited.ts"), "export const b = 2;\n");
  writeFileSync(path.join(p.dir, "src/new.ts"), "export const n = 1;\n");
  mkdirSync(path.join(p.dir, "ignored"));
  writeFileSync(path.join(p.dir, "ignored/x.ts"), "export const x = 1;\n");
  rmSync(path.join(p.dir, "src/deleted.ts"));
  // main moves on after the branch left it: its changes are not the branch's.
  git(["stash", "-q", "-u"], p.dir);
  git(["checkout", "-q", "main"], p.dir);
  writeFileSync(path.join(p.dir, "src/on-main.ts"), "export const f = 2;\n");
  git(["commit", "-qam", "main moves on"], p.dir);
  git(["checkout", "-q", "feature"], p.dir);
  git(["stash", "pop", "-q"], p.dir);
  return p;
}

function relative(dir: string, files: Set<string>): string[] {
  return [...files].map((f) => path.relative(dir, f).split(path.sep).join("/")).sort();
}

async function errorOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("expected a UsageError");
}

describe("--since", () => {
  it("lists the branch's changes since the merge base, uncommitted and untracked, not ignored or deleted", async () => {
    const p = repository();
    expect(relative(p.dir, await changedFilesSince("main", p.dir))).toEqual([
      "src/committed.ts",
      "src/edited.ts",
      "src/moved.ts",
      "src/new.ts",
    ]);
    // From a subdirectory, paths still resolve to the same files.
    expect(relative(p.dir, await changedFilesSince("main", path.join(p.dir, "src")))).toEqual([
      "src/committed.ts",
      "src/edited.ts",
      "src/moved.ts",
      "src/new.ts",
    ]);
    // Since HEAD: only what is not committed yet.
    expect(relative(p.dir, await changedFilesSince("HEAD", p.dir))).toEqual([
      "src/edited.ts",
      "src/new.ts",
    ]);
  });

  it("explains a ref git does not know, an option-like ref, and a directory outside git", async () => {
    const p = repository();
    expect(await errorOf(changedFilesSince("no-such-branch", p.dir))).toMatch(
      /^--since: "no-such-branch" is not a commit in this repository \(in CI, fetch it first/,
    );
    expect(await errorOf(changedFilesSince("--output=x", p.dir))).toMatch(
      /^--since needs a git revision/,
    );
    const outside = tempProject({ "a.ts": "" });
    cleanups.push(outside.cleanup);
    expect(await errorOf(changedFilesSince("main", outside.dir))).toMatch(
      /^--since needs a git work tree: /,
    );
  });
});
