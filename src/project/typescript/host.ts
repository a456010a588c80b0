import { existsSync } from "node:fs";
import path from "node:path";
import type * as TS from "typescript";
import type { TypeScript } from "./load.js";

/**
 * Source files parsed once and shared by every program of a run with the same compiler, as
 * TypeScript's language service shares them: most of a program's parse time is the standard
 * library and packages' `.d.ts`, and the type-check gate's programs differ from the first one in
 * one file only. The texts are those of the files as the run read them.
 */
export class SharedDeclarations {
  private readonly files = new Map<string, TS.SourceFile>();

  get(key: string): TS.SourceFile | undefined {
    return this.files.get(key);
  }

  set(key: string, file: TS.SourceFile): void {
    this.files.set(key, file);
  }

  get size(): number {
    return this.files.size;
  }
}

/**
 * A compiler host for one program: the file system as TypeScript reads it, with shared
 * declaration files, texts that stand in for files on disk (the type-check gate's rewritten
 * file), and module resolution that finds a workspace package's sources when its `types` point
 * at a `dist/` that was never built (as a `paths` mapping would).
 */
export function createHost(
  ts: TypeScript,
  options: TS.CompilerOptions,
  shared: SharedDeclarations,
  overlay: ReadonlyMap<string, string> = new Map(),
): TS.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => overlay.get(path.resolve(file)) ?? readFile(file);
  host.getSourceFile = (file, languageVersion, onError, shouldCreate) => {
    const text = overlay.get(path.resolve(file));
    if (text !== undefined) return ts.createSourceFile(file, text, languageVersion, true);
    const key = `${ts.version}|${file}|${JSON.stringify(languageVersion)}`;
    let known = shared.get(key);
    if (!known) {
      known = getSourceFile(file, languageVersion, onError, shouldCreate);
      if (known) shared.set(key, known);
    }
    return known;
  };
  const cache = ts.createModuleResolutionCache(
    host.getCurrentDirectory(),
    (name) => host.getCanonicalFileName(name),
    options,
  );
  host.resolveModuleNameLiterals = (literals, containingFile, redirected, compilerOptions, file) =>
    literals.map((literal) => {
      const mode = ts.getModeForUsageLocation(file, literal, compilerOptions);
      const resolved = ts.resolveModuleName(
        literal.text,
        containingFile,
        compilerOptions,
        host,
        cache,
        redirected,
        mode,
      );
      if (resolved.resolvedModule && !resolved.resolvedModule.resolvedFileName.endsWith(".js"))
        return resolved;
      const sources = workspaceSources(ts, host, literal.text, containingFile);
      return sources ? { resolvedModule: sources } : resolved;
    });
  return host;
}

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts"];
const BUILD_DIRECTORIES = ["dist", "build", "lib", "out", "esm", "cjs"];

/**
 * `@acme/db` (or `@acme/db/sub`) where the workspace package's `types`/`main`/`exports` name a
 * build output that is not there: the source file that output would be built from. The file
 * system is read through the host, as TypeScript's own resolution reads it (so what a program
 * read can be recorded: see inputs.ts).
 */
function workspaceSources(
  ts: TypeScript,
  host: TS.CompilerHost,
  specifier: string,
  containingFile: string,
): TS.ResolvedModuleFull | undefined {
  if (specifier.startsWith(".") || path.isAbsolute(specifier)) return undefined;
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
  const subpath = parts.slice(specifier.startsWith("@") ? 2 : 1).join("/");
  const linked = packageDirectory(host, name, path.dirname(containingFile));
  if (!linked) return undefined;
  const real = path.resolve(host.realpath?.(linked) ?? linked);
  // A package installed from the registry is not a workspace's: its build is what it ships.
  if (real.split(path.sep).includes("node_modules")) return undefined;
  const manifest = readManifest(host, path.join(real, "package.json"));
  if (!manifest) return undefined;
  for (const entry of entryPoints(manifest, subpath)) {
    const source = sourceOf(host, real, entry);
    if (source)
      return {
        resolvedFileName: source,
        extension: ts.Extension.Ts,
        isExternalLibraryImport: false,
      };
  }
  return undefined;
}

function packageDirectory(host: TS.CompilerHost, name: string, from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (host.directoryExists?.(candidate) ?? existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

interface Manifest {
  types?: unknown;
  typings?: unknown;
  main?: unknown;
  module?: unknown;
  exports?: unknown;
}

function readManifest(host: TS.CompilerHost, file: string): Manifest | undefined {
  try {
    const text = host.readFile(file);
    return text === undefined ? undefined : (JSON.parse(text) as Manifest);
  } catch {
    return undefined;
  }
}

/** The files a package names for a subpath: its `exports` entry's conditions, then the fields. */
function entryPoints(manifest: Manifest, subpath: string): string[] {
  const entries: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === "string") entries.push(value);
    else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  const key = subpath === "" ? "." : `./${subpath}`;
  const exports = manifest.exports;
  if (typeof exports === "string" && key === ".") collect(exports);
  else if (exports && typeof exports === "object")
    collect((exports as Record<string, unknown>)[key]);
  if (subpath === "")
    for (const field of ["types", "typings", "module", "main"] as const) collect(manifest[field]);
  else entries.push(`./${subpath}`);
  return entries;
}

/** `./dist/client/index.d.ts` → `<package>/src/client/index.ts`, if that source exists. */
function sourceOf(host: TS.CompilerHost, packageDir: string, entry: string): string | undefined {
  const relative = entry.replace(/^\.\//, "").replace(/\.d\.[cm]?ts$|\.[cm]?js$/, "");
  const [first, ...rest] = relative.split("/");
  const stems = BUILD_DIRECTORIES.includes(first ?? "")
    ? [path.join("src", ...rest), path.join(...rest), relative]
    : [relative, path.join("src", relative)];
  for (const stem of stems) {
    for (const extension of SOURCE_EXTENSIONS) {
      for (const candidate of [`${stem}${extension}`, path.join(stem, `index${extension}`)]) {
        const file = path.join(packageDir, candidate);
        if (host.fileExists(file)) return file;
      }
    }
  }
  return undefined;
}
