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
  /** Keys added since `begin`, so that a program given up can take its files with it. */
  private added: string[] = [];
  /** Files taken from here rather than parsed, since the run began. */
  reused = 0;

  get(key: string): TS.SourceFile | undefined {
    const known = this.files.get(key);
    if (known) this.reused++;
    return known;
  }

  set(key: string, file: TS.SourceFile): void {
    this.files.set(key, file);
    this.added.push(key);
  }

  /** Starts a program: the files it parses from now on are its own until `keep` or `discard`. */
  begin(): void {
    this.added = [];
  }

  /** The files parsed since `begin` stay, for the programs after this one. */
  keep(): void {
    this.added = [];
  }

  /** Forgets the files parsed since `begin` (their program was given up: its memory goes too). */
  discard(): void {
    for (const key of this.added) this.files.delete(key);
    this.added = [];
  }

  /**
   * Forgets the files that are not declarations (a program's own sources, once it is done with):
   * the standard library and packages' `.d.ts` stay for the programs after it.
   */
  forgetSources(): void {
    for (const [key, file] of this.files) if (!file.isDeclarationFile) this.files.delete(key);
  }

  /** Files parsed since `begin`. */
  get parsedSinceBegin(): number {
    return this.added.length;
  }

  get size(): number {
    return this.files.size;
  }
}

export interface HostOptions {
  /** Texts that stand in for files on disk (absolute paths). */
  overlay?: ReadonlyMap<string, string>;
  /** Called after each file this host parses itself (not one shared or overlaid): the budget's watch. */
  onParsed?: () => void;
  /** What an earlier host of the same program resolved (the gate's hosts reuse the first one's). */
  resolution?: Resolution;
}

/**
 * Module resolution's memory for one program and the programs derived from it: the modules and
 * package.json files TypeScript resolved and read, and the workspace packages' manifests and
 * build layouts (read once: the gate's programs read no package.json again).
 * Without it every program reads again the package.json above each of its files (to tell ES
 * modules from CommonJS): most of the time of the type-check gate's programs, measured.
 */
export interface Resolution {
  cache: TS.ModuleResolutionCache;
  packages: Map<string, WorkspacePackage | undefined>;
}

/** A workspace package, by its real directory: its package.json and how it is built. */
interface WorkspacePackage {
  manifest: Manifest;
  layout: BuildLayout | undefined;
}

/**
 * What of a file's parse options can differ between two programs of one compiler and settings:
 * the language version and whether it is an ES module or CommonJS (its package.json scope, which
 * the options also carry, whole, is what decided that).
 */
function sourceFileOptionsKey(options: TS.ScriptTarget | TS.CreateSourceFileOptions): string {
  if (typeof options !== "object") return String(options);
  return `${options.languageVersion}/${options.impliedNodeFormat ?? ""}/${options.jsDocParsingMode ?? ""}`;
}

/** The settings that decide how a file parses and binds, as TypeScript's document registry keys them. */
const registries = new WeakMap<TypeScript, TS.DocumentRegistry>();
function settingsKey(ts: TypeScript, options: TS.CompilerOptions): string {
  let registry = registries.get(ts);
  if (!registry) {
    registry = ts.createDocumentRegistry();
    registries.set(ts, registry);
  }
  return registry.getKeyForCompilationSettings(options);
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
  { overlay = new Map(), onParsed, resolution }: HostOptions = {},
): TS.CompilerHost & { resolution: Resolution } {
  const host = ts.createCompilerHost(options, true);
  // As tsc parses (TypeScript 5.3 and later): JSDoc in TypeScript files only where the errors
  // need it, all of it in JavaScript (where it holds the types). Measured on the large bench
  // corpus's program (mostly JavaScript): 6% less time and 4% less memory.
  if (ts.JSDocParsingMode) host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  // Files are shared only between programs whose settings parse and bind them alike (a file
  // bound once keeps that binding), as the language service shares them.
  const settings = settingsKey(ts, options);
  host.readFile = (file) => overlay.get(path.resolve(file)) ?? readFile(file);
  host.getSourceFile = (file, languageVersion, onError, shouldCreate) => {
    const text = overlay.get(path.resolve(file));
    if (text !== undefined) return ts.createSourceFile(file, text, languageVersion, true);
    const key = `${ts.version}|${settings}|${sourceFileOptionsKey(languageVersion)}|${file}`;
    let known = shared.get(key);
    if (!known) {
      known = getSourceFile(file, languageVersion, onError, shouldCreate);
      if (known) {
        shared.set(key, known);
        onParsed?.();
      }
    }
    return known;
  };
  const { cache, packages } = resolution ?? {
    cache: ts.createModuleResolutionCache(
      host.getCurrentDirectory(),
      (name) => host.getCanonicalFileName(name),
      options,
    ),
    packages: new Map<string, WorkspacePackage | undefined>(),
  };
  // TypeScript reads package.json scopes through this cache only when the host exposes it.
  host.getModuleResolutionCache = () => cache;
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
      const sources = workspaceSources(ts, host, literal.text, containingFile, packages);
      return sources ? { resolvedModule: sources } : resolved;
    });
  return Object.assign(host, { resolution: { cache, packages } });
}

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts"];

/** `.tsx` for a `.tsx` source (TypeScript reads a module's format and JSX from it). */
function sourceExtension(ts: TypeScript, file: string): TS.Extension {
  if (file.endsWith(".tsx")) return ts.Extension.Tsx;
  if (file.endsWith(".mts")) return ts.Extension.Mts;
  if (file.endsWith(".cts")) return ts.Extension.Cts;
  return ts.Extension.Ts;
}
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
  packages: Map<string, WorkspacePackage | undefined>,
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
  if (!packages.has(real)) {
    const manifest = readManifest(host, path.join(real, "package.json"));
    packages.set(real, manifest && { manifest, layout: buildLayout(ts, host, real) });
  }
  const known = packages.get(real);
  if (!known) return undefined;
  const { manifest, layout } = known;
  for (const entry of entryPoints(manifest, subpath)) {
    const source = sourceOf(host, real, entry, layout);
    if (source)
      return {
        resolvedFileName: source,
        extension: sourceExtension(ts, source),
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

/**
 * The files a package names for a subpath: its `exports` entry's conditions (a `./*` pattern
 * with the subpath put in), then the fields.
 */
function entryPoints(manifest: Manifest, subpath: string): string[] {
  const entries: string[] = [];
  const collect = (value: unknown, star?: string) => {
    if (typeof value === "string")
      entries.push(star === undefined ? value : value.replaceAll("*", star));
    else if (value && typeof value === "object")
      for (const inner of Object.values(value)) collect(inner, star);
  };
  const key = subpath === "" ? "." : `./${subpath}`;
  const exports = manifest.exports;
  if (typeof exports === "string" && key === ".") collect(exports);
  else if (exports && typeof exports === "object") {
    const map = exports as Record<string, unknown>;
    if (key in map) collect(map[key]);
    else {
      const pattern = matchingPattern(Object.keys(map), key);
      if (pattern) collect(map[pattern.key], pattern.star);
    }
  }
  if (subpath === "")
    for (const field of ["types", "typings", "module", "main"] as const) collect(manifest[field]);
  else entries.push(`./${subpath}`);
  return entries;
}

/**
 * The `exports` key with one `*` that matches `key` (`./features/*` for `./features/cart`), the
 * longest prefix first as Node picks it, and what the `*` stands for.
 */
function matchingPattern(
  keys: readonly string[],
  key: string,
): { key: string; star: string } | undefined {
  let best: { key: string; star: string; prefix: number } | undefined;
  for (const candidate of keys) {
    const star = candidate.indexOf("*");
    if (star === -1 || candidate.indexOf("*", star + 1) !== -1) continue;
    const prefix = candidate.slice(0, star);
    const suffix = candidate.slice(star + 1);
    if (
      !key.startsWith(prefix) ||
      !key.endsWith(suffix) ||
      key.length < prefix.length + suffix.length
    )
      continue;
    if (!best || prefix.length > best.prefix)
      best = {
        key: candidate,
        star: key.slice(prefix.length, key.length - suffix.length),
        prefix: prefix.length,
      };
  }
  return best && { key: best.key, star: best.star };
}

/** Where a package's own tsconfig builds from and to (relative to the package, `/`-separated). */
interface BuildLayout {
  rootDir: string;
  /** `outDir`, and `declarationDir` where the `.d.ts` go elsewhere. */
  outDirs: string[];
}

/** The package's build tsconfigs, the one that builds what it publishes first. */
const BUILD_CONFIGS = ["tsconfig.build.json", "tsconfig.lib.json", "tsconfig.json"];

/**
 * The package's `rootDir` and `outDir` (and `declarationDir`), from the first of its tsconfigs
 * that sets an output directory: what `tsc -p` would turn into what its `types` names. Only the
 * file's own settings count (a directory inherited through `extends` is relative to the file
 * that sets it, so it rarely describes this package).
 */
function buildLayout(
  ts: TypeScript,
  host: TS.CompilerHost,
  packageDir: string,
): BuildLayout | undefined {
  for (const name of BUILD_CONFIGS) {
    const file = path.join(packageDir, name);
    if (!host.fileExists(file)) continue;
    const { config } = ts.readConfigFile(file, (f) => host.readFile(f)) as {
      config?: { compilerOptions?: Record<string, unknown> };
    };
    const options = config?.compilerOptions ?? {};
    const relative = (value: unknown) =>
      typeof value === "string"
        ? path.relative(packageDir, path.resolve(packageDir, value)).split(path.sep).join("/")
        : undefined;
    const outDirs = [relative(options.outDir), relative(options.declarationDir)].filter(
      (dir): dir is string => dir !== undefined && dir !== "" && !dir.startsWith(".."),
    );
    if (outDirs.length === 0) continue;
    return { rootDir: relative(options.rootDir) ?? "", outDirs };
  }
  return undefined;
}

/**
 * `./dist/client/index.d.ts` → `<package>/src/client/index.ts`, if that source exists: through
 * the package's own build layout first (its `outDir` → its `rootDir`), then the usual ones.
 */
function sourceOf(
  host: TS.CompilerHost,
  packageDir: string,
  entry: string,
  layout: BuildLayout | undefined,
): string | undefined {
  const relative = entry.replace(/^\.\//, "").replace(/\.d\.[cm]?ts$|\.[cm]?js$/, "");
  const [first, ...rest] = relative.split("/");
  const stems: string[] = [];
  for (const outDir of layout?.outDirs ?? [])
    if (relative.startsWith(`${outDir}/`))
      stems.push(path.join(layout!.rootDir, relative.slice(outDir.length + 1)));
  stems.push(
    ...(BUILD_DIRECTORIES.includes(first ?? "")
      ? [path.join("src", ...rest), path.join(...rest), relative]
      : [relative, path.join("src", relative)]),
  );
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
