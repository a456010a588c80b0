import { createRequire } from "node:module";
import path from "node:path";

import type * as TS from "typescript";

export type TypeScript = typeof TS;

/** The oldest TypeScript whose checker API lazymod uses (`isArrayType`, `isTupleType`, …). */
const OLDEST = [5, 0] as const;

export type LoadedTypeScript =
  { ts: TypeScript; version: string; from: "project" | "lazymod" } | { error: string };

const loaded = new Map<string, LoadedTypeScript>();

/**
 * The TypeScript compiler a project builds with: its own (`typescript` resolved from its
 * directory, as its build would find it), else lazymod's. Loading a compiler runs only that
 * package's code, never the project's. One per directory and process.
 */
export function loadTypeScript(projectDir: string): LoadedTypeScript {
  const known = loaded.get(projectDir);
  if (known) return known;
  const result = loadFrom(projectDir);
  loaded.set(projectDir, result);
  return result;
}

function loadFrom(projectDir: string): LoadedTypeScript {
  const fromProject = resolve(path.join(projectDir, "package.json"));
  const own = resolve(import.meta.url);
  const candidates: Array<["project" | "lazymod", string | undefined]> = [
    ["project", fromProject],
    ["lazymod", own],
  ];
  let tooOld: string | undefined;
  for (const [from, file] of candidates) {
    if (!file) continue;
    let ts: TypeScript;
    try {
      ts = createRequire(file)(file) as TypeScript;
    } catch (error) {
      return { error: `typescript at ${file} does not load (${(error as Error).message})` };
    }
    if (!supported(ts.version)) {
      tooOld = `the project's TypeScript ${ts.version} is older than ${OLDEST.join(".")}, which lazymod needs`;
      // The project's own compiler decides what its build accepts: another one's verdict on
      // its types would not be the project's, so an old compiler means no types at all.
      return { error: tooOld };
    }
    return { ts, version: ts.version, from };
  }
  return { error: "TypeScript is not installed (neither in the project nor beside lazymod)" };
}

function resolve(from: string): string | undefined {
  try {
    return createRequire(from).resolve("typescript");
  } catch {
    return undefined;
  }
}

function supported(version: string): boolean {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return major > OLDEST[0] || (major === OLDEST[0] && minor >= OLDEST[1]);
}
