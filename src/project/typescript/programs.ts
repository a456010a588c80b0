import path from "node:path";
import type * as TS from "typescript";
import type { FileTypes, TypeDiagnostic, TypeGate } from "../../core/type-facts.js";
import { factsOf } from "./facts.js";
import { createHost, SharedDeclarations } from "./host.js";
import type { ProgramInputs } from "./inputs.js";
import { loadTypeScript, type TypeScript } from "./load.js";

/** What building a run's programs cost, for the summary and the benchmark. */
export interface TypeStats {
  programs: number;
  /** Files given types (the roots of the programs). */
  files: number;
  /** Source files the programs hold (the roots and what they import, the standard library…). */
  programFiles: number;
  milliseconds: number;
  /** The TypeScript that built them, and whose it is. */
  compiler?: string;
}

interface Built {
  ts: TypeScript;
  program: TS.Program;
  options: TS.CompilerOptions;
  rootNames: string[];
}

/**
 * A run's TypeScript programs: one per tsconfig.json (or jsconfig.json) that owns files with
 * findings, rooted at those files alone, so a program holds what they import and not the whole
 * repository. Declaration files are parsed once for all of them. A tsconfig that cannot be
 * used is one warning naming it and the reason; its files keep the file-local judgement.
 */
export class ProjectTypes {
  readonly warnings: string[] = [];
  readonly stats: TypeStats = { programs: 0, files: 0, programFiles: 0, milliseconds: 0 };
  private readonly shared = new SharedDeclarations();
  private readonly byFile = new Map<string, Built>();

  constructor(
    private readonly cwd: string,
    /** Most heap (MiB) the programs may add; past it a program is dropped with a warning. */
    private readonly budgetMb = 1536,
  ) {}

  /**
   * Builds the program of one tsconfig for these files (absolute paths); with `inputs`, what it
   * reads (the tsconfig chain, its files, what it looked for) is recorded there, for the cache.
   */
  build(tsconfig: string, files: readonly string[], inputs?: ProgramInputs): void {
    const started = performance.now();
    const label = this.display(tsconfig);
    const loaded = loadTypeScript(path.dirname(tsconfig));
    inputs?.noteCompiler(loaded);
    if ("error" in loaded) {
      this.warnings.push(`${label}: ${loaded.error}; its files are judged file by file`);
      return;
    }
    const { ts } = loaded;
    this.stats.compiler ??= `TypeScript ${loaded.version} (${loaded.from === "project" ? "the project's" : "lazymod's"})`;
    const options = this.compilerOptions(ts, tsconfig, label, inputs);
    if (!options) return;
    const rootNames = files.filter((file) => options.allowJs || !/\.[cm]?jsx?$/i.test(file));
    if (rootNames.length === 0) return;
    const heapBefore = process.memoryUsage().heapUsed;
    let program: TS.Program;
    const created = createHost(ts, options, this.shared);
    const host = inputs ? inputs.recordHost(created) : created;
    try {
      program = ts.createProgram({ rootNames, options, host });
      // Binding and checking happen on demand; asking for the checker here charges its setup to
      // the program, where the budget can see it.
      program.getTypeChecker();
    } catch (error) {
      this.warnings.push(
        `${label}: TypeScript failed on it (${(error as Error).message}); its files are judged file by file`,
      );
      return;
    }
    const grown = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    if (grown > this.budgetMb) {
      this.warnings.push(
        `${label}: its program took ${Math.round(grown)} MiB, over the ${this.budgetMb} MiB budget; its files are judged file by file`,
      );
      return;
    }
    const built: Built = { ts, program, options, rootNames };
    for (const file of rootNames) this.byFile.set(file, built);
    this.stats.programs++;
    this.stats.files += rootNames.length;
    this.stats.programFiles += program.getSourceFiles().length;
    this.stats.milliseconds += performance.now() - started;
  }

  /**
   * The types of a file, if a program holds it with the text lazymod read (a file that changed
   * on disk meanwhile has none).
   */
  typesOf(file: string, text: string): FileTypes | undefined {
    const built = this.byFile.get(file);
    const source = built?.program.getSourceFile(file);
    if (!built || !source || source.text !== text) return undefined;
    return {
      facts: factsOf(built.ts, built.program, source),
      gate: gateOf(built, this.shared, file, source),
    };
  }

  /** Whether a program holds this file (absolute path): it has types. */
  holds(file: string): boolean {
    return this.byFile.has(file);
  }

  private compilerOptions(
    ts: TypeScript,
    tsconfig: string,
    label: string,
    inputs?: ProgramInputs,
  ): TS.CompilerOptions | undefined {
    const problems: string[] = [];
    const parsed = ts.getParsedCommandLineOfConfigFile(
      tsconfig,
      {},
      {
        ...(inputs ? inputs.recordSystem(ts.sys) : ts.sys),
        onUnRecoverableConfigFileDiagnostic: (diagnostic) =>
          problems.push(ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")),
      },
    );
    const errors = [
      ...problems,
      ...(parsed?.errors ?? [])
        .filter((d) => d.category === ts.DiagnosticCategory.Error && d.code !== 18003)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, " ")),
    ];
    if (!parsed || errors.length > 0) {
      this.warnings.push(
        `${label}: ${errors[0] ?? "cannot be read"}; its files are judged file by file`,
      );
      return undefined;
    }
    const jsconfig = path.basename(tsconfig) === "jsconfig.json";
    return {
      ...parsed.options,
      // Project references are followed to their sources (see host.ts), built or not.
      noEmit: true,
      allowJs: parsed.options.allowJs ?? (jsconfig || parsed.options.checkJs === true),
    };
  }

  private display(file: string): string {
    const relative = path.relative(this.cwd, file);
    return (relative && !relative.startsWith("..") ? relative : file).split(path.sep).join("/");
  }
}

/**
 * The type-check gate of one file: its errors with a rewritten text, against its errors as
 * read (compared as code and message, whatever moved), in a program that reuses the first one's
 * other files.
 */
function gateOf(
  built: Built,
  shared: SharedDeclarations,
  file: string,
  source: TS.SourceFile,
): TypeGate {
  const { ts, program, options, rootNames } = built;
  let baseline: Map<string, number> | undefined;
  const key = (diagnostic: TS.Diagnostic) =>
    `${diagnostic.code}:${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`;
  return {
    newErrors(text) {
      baseline ??= countErrors(ts, program, source, key);
      const host = createHost(ts, options, shared, new Map([[path.resolve(file), text]]));
      const next = ts.createProgram({ rootNames, options, host, oldProgram: program });
      const rewritten = next.getSourceFile(file);
      if (!rewritten) return [];
      const left = new Map(baseline);
      const added: TypeDiagnostic[] = [];
      for (const diagnostic of errorsOf(ts, next, rewritten)) {
        const k = key(diagnostic);
        const count = left.get(k) ?? 0;
        if (count > 0) left.set(k, count - 1);
        else
          added.push({
            code: `TS${diagnostic.code}`,
            message: ts.flattenDiagnosticMessageText(diagnostic.messageText, " "),
            start: diagnostic.start ?? 0,
          });
      }
      return added;
    },
  };
}

function errorsOf(ts: TypeScript, program: TS.Program, file: TS.SourceFile): TS.Diagnostic[] {
  return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].filter(
    (d) => d.category === ts.DiagnosticCategory.Error,
  );
}

function countErrors(
  ts: TypeScript,
  program: TS.Program,
  file: TS.SourceFile,
  key: (d: TS.Diagnostic) => string,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const diagnostic of errorsOf(ts, program, file))
    counts.set(key(diagnostic), (counts.get(key(diagnostic)) ?? 0) + 1);
  return counts;
}
