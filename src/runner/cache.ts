import canonicalize from "canonicalize";
import { lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fileErrorReason } from "../core/errors.js";
import type { FileReport, TypesRun } from "../core/result.js";
import type { StyleHints } from "../core/style.js";
import { writeOutputFile } from "../output.js";
import { projectFormattingFor } from "../project/formatter-config.js";
import {
  inputsStand,
  compilerIdentity,
  type RecordedInputs,
} from "../project/typescript/inputs.js";
import { loadTypeScript } from "../project/typescript/load.js";
import { toolVersion } from "../version.js";
import { stampOf, stampStands } from "./file-stamp.js";
import { relativePath, type ProcessOptions } from "./process-file.js";
import { sha256 } from "./write.js";

/** `--cache`: reuse each file's result from an earlier run when nothing it depends on changed. */
export interface CacheOptions {
  /** The cache file (absolute or relative to the run's `cwd`). */
  location: string;
  /**
   * `metadata` (default): a file whose size, times and inode are those recorded when it was read
   * (and which had not been modified for a while then) is taken as unchanged without reading it;
   * any other is read and its hash compared. `content`: every file is read and hashed.
   */
  strategy?: CacheStrategy;
  /**
   * Whatever else the results depend on that the run's options do not say (the command line: the
   * configuration file, by its digest; a library caller with transforms of its own: their version).
   */
  key?: unknown;
}

export type CacheStrategy = "metadata" | "content";
export const CACHE_STRATEGIES: readonly CacheStrategy[] = ["metadata", "content"];

/** What the cache did in one run (the text summary's `Cache:` line; not in the JSON report). */
export interface CacheStats {
  /** The cache file, as the summary names it. */
  location: string;
  /** `new` (none yet), `used`, `rebuilt` (made for another lazymod, options or configuration), `damaged`, `foreign` (not a lazymod cache: not used, not replaced). */
  state: "new" | "used" | "rebuilt" | "damaged" | "foreign" | "unreadable";
  /** Files this run looked at (after `ignore`, `--since`, a shard), and of those, the ones reused. */
  files: number;
  filesReused: number;
  programsReused: number;
  programsBuilt: number;
  /** Why it could not be saved, if it could not. */
  notSaved?: string;
}

const KIND = "lazymod-cache";
/** 2: entries record the `--band` selection they were made under. */
const FORMAT = 2;

/** A file's result as stored: the report without what is recomputed (its paths) or kept aside. */
type StoredReport = Omit<FileReport, "path" | "absolutePath" | "source" | "readAs">;

interface FileEntry {
  stamp: ReturnType<typeof stampOf>;
  sha256: string;
  /** The `--band` selection it was made under (see `bandsOf`). */
  bands: string | null;
  /** The formatting hints a rewrite asked for (null: none was asked for). */
  hints: StyleHints | null;
  report: StoredReport;
}

/** One program's results: the files it judged, and what it was built from. */
interface ProgramEntry {
  /** Its roots (absolute, sorted): the files of its tsconfig with findings. */
  roots: string[];
  /** The `--band` selection its files were judged under. */
  bands: string | null;
  inputs: RecordedInputs;
  /** What building it added to the run's TypeScript statistics, and its warnings. */
  stats: Omit<TypesRun, "milliseconds">;
  warnings: string[];
  /** The result of each root it held, with the content and hints it had. */
  reports: Record<string, { sha256: string; hints: StyleHints | null; report: StoredReport }>;
}

interface Body {
  key: string;
  files: Record<string, FileEntry>;
  programs: Record<string, ProgramEntry>;
}

/** The parts of a run that decide every file's result, besides the file itself. */
export interface RunKeyParts {
  cwd: string;
  transforms: readonly string[];
  knownTransforms: readonly string[];
  maxRisk: number;
  target?: unknown;
  settings?: unknown;
  types: boolean;
  /**
   * `--report-unused-ignores`: its warnings are part of a file's result, and a file with an ignore
   * comment is parsed for it even when the prefilter would rule it out.
   */
  reportUnusedIgnores: boolean;
  extra?: unknown;
}

/**
 * The key every entry of a cache shares: lazymod's version and a digest of its own code (a build
 * from other code under the same version number does not reuse results), the versions of the
 * packages it runs (its parser…), Node's, the working directory (paths are relative to it), the
 * transforms, their settings and the options that decide results. A different key: a new cache.
 */
export function runKey(parts: RunKeyParts): string {
  return sha256(
    canonicalize({
      lazymod: toolVersion(),
      code: codeDigest(),
      dependencies: dependencyVersions(),
      node: process.version,
      ...parts,
      target: parts.target ?? null,
      settings: parts.settings ?? null,
      extra: parts.extra ?? null,
    }) ?? "",
  );
}

/** The directory holding lazymod's `src` and `transforms` (the repository, or `dist/`). */
const CODE_ROOT = fileURLToPath(new URL("../../", import.meta.url));

let knownCodeDigest: string | undefined;

/** A digest of every module of lazymod's own (src/ and transforms/, as built or as written). */
function codeDigest(): string {
  if (knownCodeDigest) return knownCodeDigest;
  const files: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(?:[cm]?js|[cm]?ts|json)$/.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name))
        files.push(full);
    }
  };
  walk(path.join(CODE_ROOT, "src"));
  walk(path.join(CODE_ROOT, "transforms"));
  const hash = files.map(
    (file) => `${path.relative(CODE_ROOT, file)}:${sha256(readFileSync(file))}`,
  );
  knownCodeDigest = sha256(hash.join("\n"));
  return knownCodeDigest;
}

/** The installed version of each of lazymod's dependencies (its parser, its diff…). */
function dependencyVersions(): Record<string, string> {
  const versions: Record<string, string> = {};
  let manifest: { dependencies?: Record<string, string> } = {};
  for (const candidate of ["package.json", "../package.json"]) {
    try {
      manifest = JSON.parse(readFileSync(path.join(CODE_ROOT, candidate), "utf8"));
      if (manifest.dependencies) break;
    } catch {
      // try the next
    }
  }
  for (const name of Object.keys(manifest.dependencies ?? {}).sort()) {
    for (let dir = CODE_ROOT; ; dir = path.dirname(dir)) {
      try {
        const text = readFileSync(path.join(dir, "node_modules", name, "package.json"), "utf8");
        versions[name] = String((JSON.parse(text) as { version?: unknown }).version);
        break;
      } catch {
        if (path.dirname(dir) === dir) break;
      }
    }
  }
  return versions;
}

/**
 * The cache file for `--cache-location`: the file given, or in a directory given (an existing
 * one, or a path ending with a slash), `.lazymodcache-<digest of the working directory>`, as
 * ESLint names its own; by default `.lazymodcache` in the working directory.
 */
export function cacheFileFor(location: string | undefined, cwd: string): string {
  if (location === undefined) return path.join(cwd, ".lazymodcache");
  const absolute = path.resolve(cwd, location);
  let isDirectory = /[\\/]$/.test(location);
  try {
    isDirectory ||= statSync(absolute).isDirectory();
  } catch {
    // nothing there (yet): a file
  }
  return isDirectory
    ? path.join(absolute, `.lazymodcache-${sha256(path.resolve(cwd)).slice(0, 12)}`)
    : absolute;
}

/**
 * A run's cache: loaded once, consulted per file, saved once (atomically, whole). A file not
 * made by lazymod is never trusted nor replaced; a damaged one (a checksum that does not match,
 * JSON that does not parse, entries of the wrong shape) is not trusted, and replaced.
 */
export class RunCache {
  readonly stats: CacheStats;
  readonly warnings: string[] = [];
  private readonly files = new Map<string, FileEntry>();
  private readonly programs = new Map<string, ProgramEntry>();
  /** Files whose entry this run confirmed or made. */
  private readonly visited = new Set<string>();
  private readonly programsVisited = new Set<string>();
  private canSave = true;
  /** Whether anything changed since the cache was read (else there is nothing to save). */
  private dirty = false;

  private constructor(
    private readonly file: string,
    private readonly key: string,
    private readonly strategy: CacheStrategy,
    private readonly cwd: string,
    /** This run's `--band` selection (see `bandsOf`). */
    private readonly bands: string | null,
  ) {
    this.stats = {
      location: relativePath(cwd, file),
      state: "new",
      files: 0,
      filesReused: 0,
      programsReused: 0,
      programsBuilt: 0,
    };
  }

  static async open(
    options: CacheOptions,
    key: string,
    cwd: string,
    bands: readonly string[] | undefined,
  ): Promise<RunCache> {
    const file = path.resolve(cwd, options.location);
    const cache = new RunCache(file, key, options.strategy ?? "metadata", cwd, bandsOf(bands));
    await cache.load();
    return cache;
  }

  private async load(): Promise<void> {
    const shown = this.stats.location;
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ENOENT" || code === "ENOTDIR") return; // none yet
      this.stats.state = "unreadable";
      this.canSave = false;
      this.warnings.push(`${shown}: cannot read the cache (${fileErrorReason(error)}); not used`);
      return;
    }
    const newline = text.indexOf("\n");
    let header: { kind?: unknown; format?: unknown; checksum?: unknown } | undefined;
    try {
      header = JSON.parse(newline === -1 ? text : text.slice(0, newline));
    } catch {
      header = undefined;
    }
    if (header?.kind !== KIND) {
      // Perhaps someone's file at this place: neither read nor replaced.
      this.stats.state = "foreign";
      this.canSave = false;
      this.warnings.push(
        `${shown} is not a lazymod cache: not used, and not replaced (choose another --cache-location)`,
      );
      return;
    }
    const damaged = (why: string) => {
      this.stats.state = "damaged";
      this.dirty = true;
      this.warnings.push(`${shown}: the cache is damaged (${why}): not trusted; it is made anew`);
    };
    if (header.format !== FORMAT) {
      this.stats.state = "rebuilt";
      this.dirty = true;
      return;
    }
    const bodyText = newline === -1 ? "" : text.slice(newline + 1);
    if (header.checksum !== `sha256:${sha256(bodyText)}`)
      return damaged("its checksum does not match its content");
    let body: unknown;
    try {
      body = JSON.parse(bodyText);
    } catch (error) {
      return damaged(`not JSON: ${(error as Error).message}`);
    }
    const problem = bodyProblem(body);
    if (problem) return damaged(problem);
    const { key, files, programs } = body as Body;
    if (key !== this.key) {
      this.stats.state = "rebuilt";
      this.dirty = true;
      return;
    }
    this.stats.state = "used";
    for (const [file, entry] of Object.entries(files)) this.files.set(file, entry);
    for (const [tsconfig, entry] of Object.entries(programs)) this.programs.set(tsconfig, entry);
  }

  /**
   * A file's result from the cache, when the file is the one it was made from (by its stamp, or
   * by its content), and what else it was made from is unchanged: its language settings (its
   * tsconfig chain, as read now) and, when a rewrite asked for them, its formatting hints. Not
   * for a file `write` would rewrite: that needs the run. The text is read for a result with
   * changes to apply (a patch needs it).
   */
  async lookup(file: string, options: ProcessOptions): Promise<FileReport | undefined> {
    const entry = this.files.get(file);
    if (!entry || !this.sameBands(entry.bands, entry.report)) return undefined;
    const applies = entry.report.changes.some((c) => c.status === "apply");
    if (options.write && applies) return undefined;
    const content = this.sameContent(file, entry, applies);
    if (!content) return undefined;
    if (!(await this.sameSettings(file, entry.report, entry.hints, options))) return undefined;
    this.visited.add(file);
    this.stats.filesReused++;
    return this.restore(file, entry.report, content.text);
  }

  /**
   * Whether a result made under another `--band` selection is this run's too: when it has no
   * change at all (no candidate whose application the selection could have decided). With
   * changes, what the engine applied, and so what it found in later passes and which of two
   * overlapping changes it kept, may depend on the selection.
   */
  private sameBands(bands: string | null, report: StoredReport): boolean {
    return bands === this.bands || report.changes.length === 0;
  }

  /** Whether the file is still the one the entry was made from; its text when asked for. */
  private sameContent(
    file: string,
    entry: FileEntry,
    needText: boolean,
  ): { text?: string } | undefined {
    const statAt = Date.now();
    let info;
    try {
      info = lstatSync(file, { bigint: true });
    } catch {
      return undefined;
    }
    if (!info.isFile()) return undefined;
    if (this.strategy === "metadata" && !needText && stampStands(entry.stamp, info)) return {};
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return undefined;
    }
    if (sha256(bytes) !== entry.sha256) return undefined;
    // Still the same content: its new stamp stands for it next time.
    const stamp = stampOf(info, statAt);
    if (canonicalize(stamp) !== canonicalize(entry.stamp)) {
      entry.stamp = stamp;
      this.dirty = true;
    }
    return needText ? { text: utf8.decode(bytes) } : {};
  }

  private async sameSettings(
    file: string,
    report: StoredReport,
    hints: StyleHints | null,
    options: ProcessOptions,
  ): Promise<boolean> {
    if (report.parsed) {
      if (!options.languages) return false;
      const now = await options.languages.languageOf(file);
      const then = { language: report.language, warning: report.languageWarning };
      if (canonicalize(now) !== canonicalize(then)) return false;
    }
    if (hints !== null && canonicalize(projectFormattingFor(file).hints) !== canonicalize(hints))
      return false;
    return true;
  }

  /**
   * The stored result as this run's report. A shallow copy: reports are read, never changed, once
   * made (the entry is saved again as it is).
   */
  private restore(file: string, report: StoredReport, text: string | undefined): FileReport {
    return {
      ...report,
      path: relativePath(this.cwd, file),
      absolutePath: file,
      ...(text !== undefined ? { source: text } : {}),
    };
  }

  /** Keeps a file's result, when it is one the same file would give again. */
  remember(file: string, report: FileReport): void {
    if (!report.readAs) return;
    const stored = storable(report);
    if (!stored) return;
    this.dirty = true;
    this.files.set(file, {
      stamp: report.readAs.stamp,
      sha256: report.readAs.sha256,
      bands: this.bands,
      hints: report.readAs.hints ?? null,
      report: stored,
    });
    this.visited.add(file);
  }

  /**
   * The results of a tsconfig's program, when it would be the same program: the same roots, each
   * with the content, settings and hints it had, the same compiler, and every question it asked
   * of the file system (its tsconfig chain, the files it read, those it looked for and did not
   * find) answered as then. Not when `write` would rewrite one of its files.
   */
  program(
    tsconfig: string,
    roots: readonly string[],
    firstPass: ReadonlyMap<string, FileReport>,
    options: ProcessOptions,
  ):
    | { reports: Map<string, FileReport>; stats: ProgramEntry["stats"]; warnings: string[] }
    | undefined {
    const entry = this.programs.get(tsconfig);
    // Its roots have findings: their judgement may depend on the selection.
    if (!entry || entry.bands !== this.bands) return undefined;
    const sorted = [...roots].sort();
    if (sorted.join("\0") !== entry.roots.join("\0")) return undefined;
    const reports = new Map<string, FileReport>();
    for (const [file, stored] of Object.entries(entry.reports)) {
      const current = this.files.get(file);
      const pass = firstPass.get(file);
      if (!current || !pass || current.sha256 !== stored.sha256) return undefined;
      if (
        canonicalize([pass.language, pass.languageWarning]) !==
        canonicalize([stored.report.language, stored.report.languageWarning])
      )
        return undefined;
      if (
        stored.hints !== null &&
        canonicalize(projectFormattingFor(file).hints) !== canonicalize(stored.hints)
      )
        return undefined;
      if (options.write && stored.report.changes.some((c) => c.status === "apply"))
        return undefined;
      let text = pass.source;
      if (text === undefined && stored.report.changes.some((c) => c.status === "apply")) {
        // The types made a change applicable that the first pass held back: a patch needs the text.
        const read = this.sameContent(file, current, true);
        if (!read) return undefined;
        text = read.text;
      }
      reports.set(file, this.restore(file, stored.report, text));
    }
    const loaded = loadTypeScript(path.dirname(tsconfig));
    if (compilerIdentity(loaded) !== entry.inputs.compiler) return undefined;
    if (!("error" in loaded) && !inputsStand(loaded.ts, entry.inputs)) return undefined;
    this.programsVisited.add(tsconfig);
    this.stats.programsReused++;
    return { reports, stats: entry.stats, warnings: entry.warnings };
  }

  /** Keeps a program's results (the files it judged, as `processFile` returned them). */
  rememberProgram(
    tsconfig: string,
    roots: readonly string[],
    inputs: RecordedInputs,
    stats: ProgramEntry["stats"],
    warnings: string[],
    judged: ReadonlyMap<string, FileReport>,
  ): void {
    const reports: ProgramEntry["reports"] = {};
    for (const [file, report] of judged) {
      const stored = storable(report);
      if (!stored || !report.readAs) return; // a file that failed: build the program next time
      reports[file] = {
        sha256: report.readAs.sha256,
        hints: report.readAs.hints ?? null,
        report: stored,
      };
    }
    this.programs.set(tsconfig, {
      roots: [...roots].sort(),
      bands: this.bands,
      inputs,
      stats,
      warnings,
      reports,
    });
    this.dirty = true;
    this.programsVisited.add(tsconfig);
    this.stats.programsBuilt++;
  }

  /**
   * Writes the cache (atomically, whole): this run's entries, and those of files it did not look
   * at that still exist (another path, another shard). When it cannot, a warning says why.
   */
  async save(): Promise<void> {
    if (!this.canSave) return;
    // The entries of files and tsconfigs that are gone go.
    const isGone = (file: string) => lstatSync(file, { throwIfNoEntry: false }) === undefined;
    for (const file of [...this.files.keys()])
      if (!this.visited.has(file) && isGone(file)) {
        this.files.delete(file);
        this.dirty = true;
      }
    for (const tsconfig of [...this.programs.keys()])
      if (!this.programsVisited.has(tsconfig) && isGone(tsconfig)) {
        this.programs.delete(tsconfig);
        this.dirty = true;
      }
    // Nothing new and nothing gone: the file on disk already says all this.
    if (!this.dirty) return;
    const files: Record<string, FileEntry> = {};
    for (const [file, entry] of [...this.files].sort(([a], [b]) => (a < b ? -1 : 1)))
      files[file] = entry;
    const programs = Object.fromEntries(this.programs);
    const body = JSON.stringify({ key: this.key, files, programs } satisfies Body);
    const header = JSON.stringify({
      kind: KIND,
      format: FORMAT,
      checksum: `sha256:${sha256(body)}`,
    });
    try {
      await writeOutputFile(this.file, `${header}\n${body}`);
    } catch (error) {
      const reason = fileErrorReason((error as Error).cause ?? error);
      this.stats.notSaved = reason;
      this.warnings.push(`${this.stats.location}: the cache was not saved (${reason})`);
    }
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** A `--band` selection as the cache records it: its bands sorted (`high,medium`), or null. */
function bandsOf(bands: readonly string[] | undefined): string | null {
  return bands ? [...new Set(bands)].sort().join(",") : null;
}

/**
 * A result fit to be reused: one the same file and settings always give. Not a file that could
 * not be read or written, nor one lazymod failed on (it may do better next time), nor one written.
 */
function storable(report: FileReport): StoredReport | undefined {
  if (report.status === "error" && report.errorKind !== "parse") return undefined;
  if (report.internalErrors.length > 0 || report.written > 0 || report.formatting) return undefined;
  const {
    path: _path,
    absolutePath: _absolute,
    source: _source,
    readAs: _readAs,
    ...stored
  } = report;
  return structuredClone(stored);
}

/** What is wrong with a cache body's shape, if anything. */
function bodyProblem(body: unknown): string | undefined {
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === "object" && value !== null && !Array.isArray(value);
  if (
    !isObject(body) ||
    typeof body.key !== "string" ||
    !isObject(body.files) ||
    !isObject(body.programs)
  )
    return "not a cache body";
  for (const [file, entry] of Object.entries(body.files)) {
    if (
      !isObject(entry) ||
      typeof entry.sha256 !== "string" ||
      !isBands(entry.bands) ||
      !isObject(entry.stamp) ||
      !isReport(entry.report)
    )
      return `the entry of ${file} has the wrong shape`;
  }
  for (const [tsconfig, entry] of Object.entries(body.programs)) {
    if (
      !isObject(entry) ||
      !Array.isArray(entry.roots) ||
      !isBands(entry.bands) ||
      !isObject(entry.inputs) ||
      !Array.isArray((entry.inputs as { probes?: unknown }).probes) ||
      !isObject(entry.reports) ||
      !Object.values(entry.reports).every((r) => isObject(r) && isReport(r.report))
    )
      return `the program of ${tsconfig} has the wrong shape`;
  }
  return undefined;
}

function isBands(value: unknown): boolean {
  return value === null || typeof value === "string";
}

function isReport(value: unknown): boolean {
  const report = value as Partial<StoredReport> | null;
  return (
    typeof report === "object" &&
    report !== null &&
    typeof report.status === "string" &&
    Array.isArray(report.changes) &&
    Array.isArray(report.internalErrors) &&
    typeof report.parsed === "boolean"
  );
}
