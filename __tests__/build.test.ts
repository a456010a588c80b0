/**
 * `npm run build` is incremental: `npm ci` builds (the `prepare` script), then `npm run demo`,
 * `npm test` and `npm pack` build again, which must cost nothing when nothing changed, and must
 * never leave a stale dist/ behind.
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";

let copy: string;

function build(): void {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  const result = spawnSync("npm", ["run", "build"], { cwd: copy, encoding: "utf8", env });
  if (result.status !== 0)
    throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`);
}

/** Every file under dist/ with its modification time. */
function distTimes(): Map<string, number> {
  const times = new Map<string, number>();
  const dist = path.join(copy, "dist");
  for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      times.set(path.relative(dist, file), statSync(file).mtimeMs);
    }
  return times;
}

beforeAll(() => {
  // A copy of what the build reads, so this repository's own dist/ is left alone.
  copy = mkdtempSync(path.join(tmpdir(), "lazymod-build-"));
  for (const part of ["src", "transforms", "package.json", "tsconfig.json", "tsconfig.build.json"])
    cpSync(path.join(ROOT, part), path.join(copy, part), { recursive: true });
  symlinkSync(path.join(ROOT, "node_modules"), path.join(copy, "node_modules"), "dir");
  build();
}, 180_000);

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe("npm run build", () => {
  it("writes nothing when nothing changed", () => {
    const before = distTimes();
    expect(before.has("src/cli.js")).toBe(true);
    build();
    expect(distTimes()).toEqual(before);
  }, 60_000);

  it("rebuilds a source whose content changed even when its modification time did not", () => {
    // A content change with an old timestamp (a `cp -p`, an archive, a checkout tool that keeps
    // times) must still reach dist/: tsc's incremental mode compares content hashes, where
    // `tsc --build` would compare timestamps and call the project up to date.
    const source = path.join(copy, "src/version.ts");
    const { atime, mtime } = statSync(source);
    const text = readFileSync(source, "utf8");
    expect(text).toContain('return "0.0.0";');
    writeFileSync(source, text.replace('return "0.0.0";', 'return "0.0.0-changed";'));
    utimesSync(source, atime, mtime);
    build();
    expect(readFileSync(path.join(copy, "dist/src/version.js"), "utf8")).toContain(
      '"0.0.0-changed"',
    );
  }, 60_000);

  it("keeps its incremental state inside dist/, so deleting dist/ rebuilds everything", () => {
    const config = JSON.parse(readFileSync(path.join(copy, "tsconfig.build.json"), "utf8")) as {
      compilerOptions: { incremental?: boolean; tsBuildInfoFile?: string };
    };
    expect(config.compilerOptions.incremental).toBe(true);
    const info = config.compilerOptions.tsBuildInfoFile ?? "";
    expect(path.normalize(info).startsWith(`dist${path.sep}`)).toBe(true);
    // …and out of the package (package.json "files"), which the installed-package test checks.
    const files = (
      JSON.parse(readFileSync(path.join(copy, "package.json"), "utf8")) as { files: string[] }
    ).files;
    expect(files).toContain(`!${path.posix.normalize(info)}`);
  });
});
