import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import { allowsScript, canParse, parserForPath } from "../../src/core/parse.js";
import type { ProcessOptions } from "../../src/runner/process-file.js";
import { transforms } from "../../transforms/index.js";
import { CLI, tempProject } from "../helpers/cli.js";

/** A low-risk `.filter(…).length > 0` (receiver provably an array): `--write` applies it. */
export const LOW_RISK =
  "const xs: number[] = [1, 2];\nexport const any = xs.filter((x) => x > 1).length > 0;\n";
export const LOW_RISK_OUTPUT =
  "const xs: number[] = [1, 2];\nexport const any = xs.some((x) => x > 1);\n";

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A temporary project removed after the test (also when the test made files unwritable). */
export function project(files: Record<string, string | Buffer> = {}) {
  const p = tempProject(files);
  cleanups.push(() => {
    restoreWritable(p.dir);
    p.cleanup();
  });
  return { ...p, file: (name: string) => path.join(p.dir, name) };
}

/** An empty temporary directory removed after the test. */
export function tempDir(prefix = "lazymod-rel-"): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  cleanups.push(() => {
    restoreWritable(dir);
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

function restoreWritable(dir: string): void {
  try {
    chmodSync(dir, 0o755);
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (entry.isDirectory()) chmodSync(path.join(entry.parentPath, entry.name), 0o755);
    }
  } catch {
    // best effort: rmSync(force) copes with the rest
  }
}

export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
}

/** Whether the text parses as lazymod reads a file of this name (a `.js` file maybe as a script). */
export function parsesAs(file: string, text: string): boolean {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const parser = parserForPath(file) ?? "babylon";
  return canParse(body, parser, { allowScript: allowsScript(file, parser) });
}

export function processOptions(cwd: string, overrides: Partial<ProcessOptions> = {}) {
  return { cwd, transforms, maxRisk: 24, write: false, ...overrides } as const;
}

/** `.<name>.lazymod-<pid>-<hex>.tmp`: the only extra file an interrupted write may leave. */
export const TEMPORARY_FILE = /^\..*\.lazymod-\d+-[0-9a-f]{8}\.tmp$/;

export interface JsonFile {
  path: string;
  error?: string;
  changes: Array<{ transform: string; status: string }>;
}

export interface JsonReport {
  files: JsonFile[];
  summary: {
    filesScanned: number;
    filesFailed: number;
    filesUnparsed: number;
    filesSkipped: number;
    written: number;
    skippedByReason: Record<string, number>;
  };
}

/**
 * A command prefix under which file permissions bind. Root reads and writes through any mode
 * bits, so as root the CLI runs without the two capabilities that allow it (CAP_DAC_OVERRIDE,
 * CAP_DAC_READ_SEARCH); it stays root, so the files it created are still its own.
 */
export function permissionsBindingPrefix(): string[] {
  if (process.getuid?.() !== 0) return [];
  const prefix = [
    "setpriv",
    "--inh-caps=-dac_override,-dac_read_search",
    "--bounding-set=-dac_override,-dac_read_search",
    "--",
  ];
  const probe = spawnSync(prefix[0]!, [...prefix.slice(1), process.execPath, "--version"]);
  if (probe.status !== 0)
    throw new Error("running as root without setpriv (util-linux): cannot drop DAC capabilities");
  return prefix;
}

/** Runs the built CLI under a command prefix (e.g. with fewer privileges, or extra node flags). */
export function lazymodWith(
  prefix: readonly string[],
  nodeFlags: readonly string[],
  args: readonly string[],
  cwd: string,
) {
  const command = [...prefix, process.execPath, ...nodeFlags, CLI, ...args];
  const result = spawnSync(command[0]!, command.slice(1), {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", CI: "1" },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
