import { statSync } from "node:fs";
import type * as TS from "typescript";
import type { FileStamp } from "../../core/result.js";
import { stampOf, stampStands } from "../../runner/file-stamp.js";
import { sha256 } from "../../runner/write.js";
import type { LoadedTypeScript, TypeScript } from "./load.js";

/**
 * One answer the file system gave a program while it was built: whether a file or a directory
 * exists, a directory's subdirectories, a real path, a file's text (its hash, and the stamp of
 * the file it was read from; null when there was none). A program is a function of these, its
 * roots and its compiler: when each question gets the same answer again, it would be the same
 * program, files looked for and not found included (an import that did not resolve, a package
 * not installed, a `.ts` that would now shadow the `.js` it found).
 */
export type Probe =
  | ["file", string, boolean]
  | ["directory", string, boolean]
  | ["directories", string, string[]]
  | ["realpath", string, string]
  | ["text", string, string | null, FileStamp | null];

/** What a program was built from, as plain data (stored in the cache). */
export interface RecordedInputs {
  /** `5.9.3 project`, or why no compiler could be loaded. */
  compiler: string;
  probes: Probe[];
}

/** The compiler a project's programs are built with, in words that change when it does. */
export function compilerIdentity(loaded: LoadedTypeScript): string {
  return "error" in loaded ? `none: ${loaded.error}` : `${loaded.version} ${loaded.from}`;
}

/**
 * Records what one program (its tsconfig chain read through `system`, its files through `host`)
 * asked of the file system. Texts are hashed once per file and run (`texts`, shared by the
 * programs of one run, like their parsed declaration files), with the stamp taken before the
 * file was first read.
 */
export class ProgramInputs {
  private readonly probes = new Map<string, Probe>();
  compiler = "none";

  constructor(private readonly texts = new Map<string, Probe>()) {}

  noteCompiler(loaded: LoadedTypeScript): void {
    this.compiler = compilerIdentity(loaded);
  }

  /** The system `getParsedCommandLineOfConfigFile` reads the tsconfig chain with, recorded. */
  recordSystem(system: TS.System): TS.System {
    return {
      ...system,
      fileExists: (file) => this.note(["file", file, system.fileExists(file)]),
      directoryExists: (dir) => this.note(["directory", dir, system.directoryExists(dir)]),
      getDirectories: (dir) => this.noteList(dir, system.getDirectories(dir)),
      ...(system.realpath
        ? { realpath: (file: string) => this.noteRealpath(file, system.realpath!(file)) }
        : {}),
      readFile: (file, encoding) => this.readText(file, () => system.readFile(file, encoding)),
    };
  }

  /** Records what a compiler host reads; returns the same host. */
  recordHost(host: TS.CompilerHost): TS.CompilerHost {
    const fileExists = host.fileExists.bind(host);
    const readFile = host.readFile.bind(host);
    const getSourceFile = host.getSourceFile.bind(host);
    const directoryExists = host.directoryExists?.bind(host);
    const getDirectories = host.getDirectories?.bind(host);
    const realpath = host.realpath?.bind(host);
    host.fileExists = (file) => this.note(["file", file, fileExists(file)]);
    host.readFile = (file) => this.readText(file, () => readFile(file));
    host.getSourceFile = (file, languageVersion, onError, shouldCreate) => {
      let source: TS.SourceFile | undefined;
      this.readText(file, () => {
        source = getSourceFile(file, languageVersion, onError, shouldCreate);
        return source?.text;
      });
      // Read once per run and shared: the first read's text is the one every program has.
      return source ?? getSourceFile(file, languageVersion, onError, shouldCreate);
    };
    if (directoryExists)
      host.directoryExists = (dir) => this.note(["directory", dir, directoryExists(dir)]);
    if (getDirectories) host.getDirectories = (dir) => this.noteList(dir, getDirectories(dir));
    if (realpath) host.realpath = (file) => this.noteRealpath(file, realpath(file));
    return host;
  }

  recorded(): RecordedInputs {
    return { compiler: this.compiler, probes: [...this.probes.values()] };
  }

  private note<T extends Probe>(probe: T): T[2] {
    const key = `${probe[0]}\0${probe[1]}`;
    if (!this.probes.has(key)) this.probes.set(key, probe);
    return probe[2];
  }

  private noteList(dir: string, entries: string[]): string[] {
    this.note(["directories", dir, [...entries]]);
    return entries;
  }

  private noteRealpath(file: string, real: string): string {
    this.note(["realpath", file, real]);
    return real;
  }

  private readText(file: string, read: () => string | undefined): string | undefined {
    const known = this.texts.get(file);
    if (known) {
      this.note(known);
      // Read again only through `read` when the caller needs the text itself.
      return read();
    }
    const statAt = Date.now();
    const info = statSync(file, { bigint: true, throwIfNoEntry: false });
    const text = read();
    const probe: Probe = [
      "text",
      file,
      text === undefined ? null : sha256(text),
      text === undefined || !info ? null : stampOf(info, statAt),
    ];
    this.texts.set(file, probe);
    this.note(probe);
    return text;
  }
}

/**
 * Whether every question a program asked gets the same answer now, through the same compiler's
 * own file system (so `fileExists` means what it meant then). A text whose file's stamp stands is
 * taken as read; any other is read and hashed.
 */
export function inputsStand(ts: TypeScript, recorded: RecordedInputs): boolean {
  const system = ts.sys;
  for (const probe of recorded.probes) {
    switch (probe[0]) {
      case "file":
        if (system.fileExists(probe[1]) !== probe[2]) return false;
        break;
      case "directory":
        if (system.directoryExists(probe[1]) !== probe[2]) return false;
        break;
      case "directories":
        if (system.getDirectories(probe[1]).join("\0") !== probe[2].join("\0")) return false;
        break;
      case "realpath":
        if ((system.realpath?.(probe[1]) ?? probe[1]) !== probe[2]) return false;
        break;
      case "text": {
        const [, file, hash, stamp] = probe;
        const info = statSync(file, { bigint: true, throwIfNoEntry: false });
        if (hash === null) {
          if (info?.isFile()) return false;
          break;
        }
        if (info && stamp && stampStands(stamp, info)) break;
        const text = system.readFile(file);
        if (text === undefined || sha256(text) !== hash) return false;
      }
    }
  }
  return true;
}
