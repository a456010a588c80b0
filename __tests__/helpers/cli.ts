import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const CLI = path.join(ROOT, "dist/src/cli.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `lazymod` binary (npm test builds first) as a user would (or another copy of it). */
export function lazymod(
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
  cli: string = CLI,
): CliResult {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", CI: "1", ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary directory holding the given files; removed by the returned cleanup. */
export function tempProject(files: Record<string, string | Buffer>): {
  dir: string;
  read: (file: string) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(path.join(tmpdir(), "lazymod-test-"));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return {
    dir,
    read: (file) => readFileSync(path.join(dir, file), "utf8"),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A command line's JSON report, without what depends on the clock (its elapsed times). */
export function clocklessJson(stdout: string): {
  summary: Record<string, unknown>;
  types?: Record<string, unknown>;
} {
  const data = JSON.parse(stdout) as {
    summary: Record<string, unknown>;
    types?: Record<string, unknown>;
  };
  delete data.summary.elapsedMs;
  delete data.types?.milliseconds;
  return data;
}
