import path from "node:path";
import { getHeapStatistics } from "node:v8";
import type * as TS from "typescript";
import { libOfComponents } from "../../core/language.js";
import type {
  FileTypes,
  ProgramLanguage,
  TypeDiagnostic,
  TypeGate,
} from "../../core/type-facts.js";
import { factsOf } from "./facts.js";
import { createHost, SharedDeclarations, type Resolution } from "./host.js";
import type { ProgramInputs } from "./inputs.js";
import { loadTypeScript, type TypeScript } from "./load.js";

/** What building a run's programs cost, for the summary and the benchmark. */
export interface TypeStats {
  programs: number;
  /** Files given types (the roots of the programs). */
  files: number;
  /** Source files the programs hold (the roots and what they import, the standard library…). */
  programFiles: number;
  /**
   * Of those, the files a program took already parsed from an earlier one (the standard library,
   * packages' declarations, shared workspace sources) instead of parsing them again.
   */
  sharedFiles: number;
  milliseconds: number;
  /** The TypeScript that built them, and whose it is. */
  compiler?: string;
}

export interface ProjectTypesOptions {
  /**
   * Most heap (MiB) one program may add, including its checker (default 1536, and never more than
   * Node's heap has left): past it the program is given up with a warning, and its files are
   * judged file by file.
   */
  memoryBudgetMb?: number;
  /**
   * What becomes of a tsconfig's files when its program cannot be used, as the warnings say it
   * (default: "its files are judged file by file").
   */
  otherwise?: string;
}

/** The default memory budget of one program. */
const DEFAULT_PROGRAM_BUDGET_MB = 1536;
/** Heap kept free for the rest of the run whatever the budget (the files' own parsing, reports). */
const HEAP_RESERVE_MB = 256;
/** Files parsed between two looks at the heap while a program is built. */
const PARSES_PER_LOOK = 32;

interface Built {
  ts: TypeScript;
  program: TS.Program;
  options: TS.CompilerOptions;
  rootNames: string[];
  language?: ProgramLanguage;
  resolution: Resolution;
}

/** The strictness the program checks with and the library it loaded (`lib.es2023.array.d.ts`…). */
function programLanguage({ program, options }: Built): ProgramLanguage {
  const components = program
    .getSourceFiles()
    .map((file) => /[\\/]typescript[\\/]lib[\\/]lib\.([^\\/]+)\.d\.ts$/.exec(file.fileName)?.[1])
    .filter((name): name is string => name !== undefined);
  return {
    strictNullChecks: options.strictNullChecks ?? options.strict ?? false,
    noUncheckedIndexedAccess: options.noUncheckedIndexedAccess ?? false,
    checkJs: options.checkJs ?? false,
    lib: libOfComponents(components),
  };
}

/** A program that grew past its budget while it was built. */
class OverBudget extends Error {
  constructor(
    readonly grownMb: number,
    readonly limitMb: number,
    readonly limitedBy: "budget" | "heap",
  ) {
    super(`over budget: ${Math.round(grownMb)} MiB`);
  }
}

const MIB = 2 ** 20;

/**
 * A run's TypeScript programs: one per tsconfig.json (or jsconfig.json) that owns files with
 * findings, rooted at those files alone, so a program holds what they import and not the whole
 * repository. Declaration files are parsed once for all of them. A tsconfig that cannot be
 * used is one warning naming it and the reason; its files keep the file-local judgement.
 */
export class ProjectTypes {
  readonly warnings: string[] = [];
  readonly stats: TypeStats = {
    programs: 0,
    files: 0,
    programFiles: 0,
    sharedFiles: 0,
    milliseconds: 0,
  };
  private readonly shared = new SharedDeclarations();
  private readonly byFile = new Map<string, Built>();
  private readonly byTsconfig = new Map<string, Built>();
  /** Files whose types failed while they were judged (TypeScript threw): file → what it said. */
  private readonly failures = new Map<string, string>();
  private readonly budgetMb: number;
  private readonly otherwise: string;

  constructor(
    private readonly cwd: string,
    options: ProjectTypesOptions = {},
  ) {
    this.budgetMb = options.memoryBudgetMb ?? DEFAULT_PROGRAM_BUDGET_MB;
    this.otherwise = options.otherwise ?? "its files are judged file by file";
  }

  /**
   * Builds the program of one tsconfig for these files (absolute paths); with `inputs`, what it
   * reads (the tsconfig chain, its files, what it looked for) is recorded there, for the cache.
   * Never throws: a tsconfig, a compiler or a program that cannot be used is a warning, and its
   * files have no types.
   */
  build(tsconfig: string, files: readonly string[], inputs?: ProgramInputs): void {
    const label = this.display(tsconfig);
    const fileByFile = this.otherwise;
    this.shared.begin();
    try {
      this.buildProgram(tsconfig, files, label, inputs);
      this.shared.keep();
    } catch (error) {
      this.shared.discard();
      if (error instanceof OverBudget) {
        const limit =
          error.limitedBy === "budget"
            ? `the ${error.limitMb} MiB budget of a program`
            : `the ${error.limitMb} MiB Node's heap has left (see --max-old-space-size)`;
        this.warnings.push(
          `${label}: its program took ${Math.round(error.grownMb)} MiB, over ${limit}; ${fileByFile}`,
        );
      } else
        this.warnings.push(
          `${label}: TypeScript failed on it (${messageOf(error)}); ${fileByFile}`,
        );
    }
  }

  private buildProgram(
    tsconfig: string,
    files: readonly string[],
    label: string,
    inputs?: ProgramInputs,
  ): void {
    const started = performance.now();
    const loaded = loadTypeScript(path.dirname(tsconfig));
    inputs?.noteCompiler(loaded);
    if ("error" in loaded) {
      this.warnings.push(`${label}: ${loaded.error}; ${this.otherwise}`);
      return;
    }
    const { ts } = loaded;
    const options = this.compilerOptions(ts, tsconfig, label, inputs);
    if (!options) return;
    const rootNames = files.filter((file) => options.allowJs || !/\.[cm]?jsx?$/i.test(file));
    if (rootNames.length === 0) return;
    const watch = budgetWatch(this.budgetMb);
    const reusedBefore = this.shared.reused;
    let parses = 0;
    const created = createHost(ts, options, this.shared, {
      onParsed: () => {
        if (++parses % PARSES_PER_LOOK === 0) watch();
      },
    });
    const host = inputs ? inputs.recordHost(created) : created;
    const program = ts.createProgram({ rootNames, options, host });
    // Binding and checking happen on demand; asking for the checker here charges its setup to
    // the program, where the budget can see it.
    program.getTypeChecker();
    watch();
    const built: Built = { ts, program, options, rootNames, resolution: created.resolution };
    for (const file of rootNames) this.byFile.set(file, built);
    this.byTsconfig.set(tsconfig, built);
    this.stats.compiler ??= `TypeScript ${loaded.version} (${loaded.from === "project" ? "the project's" : "lazymod's"})`;
    this.stats.programs++;
    this.stats.files += rootNames.length;
    this.stats.programFiles += program.getSourceFiles().length;
    this.stats.sharedFiles += this.shared.reused - reusedBefore;
    this.stats.milliseconds += performance.now() - started;
  }

  /**
   * The types of a file, if a program holds it with the text lazymod read (a file that changed
   * on disk meanwhile has none). Should TypeScript throw while answering, the answer is "no
   * answer", and `failureOf` says so: the caller then judges the file without types.
   */
  typesOf(file: string, text: string): FileTypes | undefined {
    const built = this.byFile.get(file);
    let source: TS.SourceFile | undefined;
    try {
      source = built?.program.getSourceFile(file);
    } catch (error) {
      this.failures.set(file, messageOf(error));
      return undefined;
    }
    if (!built || !source || source.text !== text) return undefined;
    const fail = (error: unknown) => {
      if (!this.failures.has(file)) this.failures.set(file, messageOf(error));
    };
    return guarded(
      {
        facts: factsOf(built.ts, built.program, source, (name) => this.display(name)),
        language: (built.language ??= programLanguage(built)),
        // A file the compiler does not check has no errors to compare: no gate, and no change
        // counted as type-checked.
        ...(isChecked(source, built.options)
          ? { gate: gateOf(built, this.shared, file, source) }
          : {}),
      },
      fail,
    );
  }

  /**
   * Lets go of the program of a tsconfig once its files are judged, with its own sources (the
   * declarations stay, shared): a run's peak memory is then its largest program's, not the sum.
   */
  release(tsconfig: string): void {
    const built = this.byTsconfig.get(tsconfig);
    if (!built) return;
    this.byTsconfig.delete(tsconfig);
    for (const file of built.rootNames) this.byFile.delete(file);
    this.shared.forgetSources();
  }

  /** Why TypeScript could not answer for this file, if it threw while it was being judged. */
  failureOf(file: string): string | undefined {
    return this.failures.get(file);
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
      this.warnings.push(`${label}: ${errors[0] ?? "cannot be read"}; ${this.otherwise}`);
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
 * A look at the heap while a program is built: throws OverBudget once it has grown past the
 * budget, or past what Node's heap has left (less a reserve), since a heap that runs out is a
 * crash no one can catch.
 */
function budgetWatch(budgetMb: number): () => void {
  const before = getHeapStatistics();
  const leftMb = (before.heap_size_limit - before.used_heap_size) / MIB - HEAP_RESERVE_MB;
  const limitedBy = leftMb < budgetMb ? "heap" : "budget";
  const limitMb = Math.max(0, Math.floor(Math.min(budgetMb, leftMb)));
  return () => {
    const grownMb = (getHeapStatistics().used_heap_size - before.used_heap_size) / MIB;
    if (grownMb > limitMb) throw new OverBudget(grownMb, limitMb, limitedBy);
  };
}

/**
 * The facts and the gate, minding TypeScript's exceptions: once it throws on a file, every fact
 * is "no answer" and the gate refuses to vouch for the result (it throws, so that nothing of this
 * judgement is written); `fail` is told, and the caller judges the file again without types.
 */
function guarded(types: FileTypes, fail: (error: unknown) => void): FileTypes {
  let failed = false;
  const soft =
    <A extends unknown[], R>(call: (...args: A) => R) =>
    (...args: A): R | undefined => {
      if (failed) return undefined;
      try {
        return call(...args);
      } catch (error) {
        failed = true;
        fail(error);
        return undefined;
      }
    };
  const { facts, gate } = types;
  return {
    facts: {
      typeOf: soft((range) => facts.typeOf(range)),
      functionOf: soft((range) => facts.functionOf(range)),
      acceptsAbsent: soft((range, absent) => facts.acceptsAbsent(range, absent)),
    },
    ...(types.language ? { language: types.language } : {}),
    ...(gate
      ? {
          gate: {
            newErrors(text: string) {
              if (!failed)
                try {
                  return gate.newErrors(text);
                } catch (error) {
                  failed = true;
                  fail(error);
                }
              throw new Error("TypeScript failed on this file: its result is not type-checked");
            },
          },
        }
      : {}),
  };
}

/**
 * Whether the compiler reports type errors in the file: a TypeScript file unless it says
 * `// @ts-nocheck`; a JavaScript file with `checkJs` or `// @ts-check`, and not `// @ts-nocheck`.
 */
function isChecked(source: TS.SourceFile, options: TS.CompilerOptions): boolean {
  // The file's directive, as TypeScript parsed it (an internal field, there since TypeScript 2.3).
  const directive = (source as { checkJsDirective?: { enabled: boolean } }).checkJsDirective;
  if (directive) return directive.enabled;
  return !/\.[cm]?jsx?$/i.test(source.fileName) || options.checkJs === true;
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]!.trim() || "an exception without a message";
}

/**
 * The type-check gate of one file: its errors with a rewritten text, against its errors as
 * read (compared as code and message, whatever moved), in a program that reuses the first one's
 * other files. The errors as read are counted only when the rewritten text has some: a file
 * that type-checks after the rewrite gained none, and checking the original too would be a
 * second full check of the file (most of the gate's time, measured, in a project that compiles).
 */
function gateOf(
  built: Built,
  shared: SharedDeclarations,
  file: string,
  source: TS.SourceFile,
): TypeGate {
  const { ts, program, options, rootNames, resolution } = built;
  let baseline: Map<string, number> | undefined;
  const key = (diagnostic: TS.Diagnostic) =>
    `${diagnostic.code}:${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`;
  return {
    newErrors(text) {
      const host = createHost(ts, options, shared, {
        overlay: new Map([[path.resolve(file), text]]),
        resolution,
      });
      const next = ts.createProgram({ rootNames, options, host, oldProgram: program });
      const rewritten = next.getSourceFile(file);
      if (!rewritten) return [];
      const errors = errorsOf(ts, next, rewritten);
      if (errors.length === 0) return [];
      baseline ??= countErrors(ts, program, source, key);
      const left = new Map(baseline);
      const added: TypeDiagnostic[] = [];
      for (const diagnostic of errors) {
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

/**
 * Errors about where files are rather than what they say: a file outside `rootDir` (TS6059), or
 * not listed by a referenced project (TS6307). Reading a workspace package's sources in place of
 * its unbuilt `dist/` raises them at every import of it; a rewrite of an expression can neither
 * add nor remove one.
 */
const LAYOUT_ERRORS = new Set([6059, 6307]);

function errorsOf(ts: TypeScript, program: TS.Program, file: TS.SourceFile): TS.Diagnostic[] {
  return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].filter(
    (d) => d.category === ts.DiagnosticCategory.Error && !LAYOUT_ERRORS.has(d.code),
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
