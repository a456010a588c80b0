import path from "node:path";
import type { TypesRun } from "../core/result.js";
import type { TypeDiagnostic, TypeGate } from "../core/type-facts.js";
import { LanguageResolver } from "../project/language.js";
import { ProjectTypes } from "../project/typescript/programs.js";

const UNCHECKED = "its files are applied without a type check";

/**
 * The type-check gate of `lazymod apply`: the programs of the tsconfigs that own the files to be
 * applied, built from the files as they are now (not as they were when the plan was made: a
 * type the plan relied on may have changed in another file since).
 */
export interface ApplyTypes {
  /** The gate of a file whose text is `text` (without a BOM); undefined where nothing checks it. */
  gateOf(file: string, text: string): TypeGate | undefined;
  /** Why TypeScript could not check the file, if it threw. */
  failureOf(file: string): string | undefined;
  /** One per tsconfig that could not be used, naming it and the reason. */
  warnings: string[];
  stats: TypesRun;
}

/** Builds one program per tsconfig owning some of these files (absolute paths), rooted at them. */
export async function applyTypes(
  cwd: string,
  files: readonly string[],
  memoryBudgetMb: number | undefined,
): Promise<ApplyTypes> {
  const languages = new LanguageResolver(cwd);
  const project = new ProjectTypes(cwd, {
    otherwise: UNCHECKED,
    ...(memoryBudgetMb !== undefined ? { memoryBudgetMb } : {}),
  });
  const problems = new Set<string>();
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const { language, problem } = await languages.languageOf(file);
    if (problem) problems.add(`${problem}; ${UNCHECKED}`);
    else if (language.tsconfig) {
      const owner = path.resolve(cwd, language.tsconfig);
      groups.set(owner, [...(groups.get(owner) ?? []), file]);
    }
  }
  for (const [tsconfig, roots] of groups) project.build(tsconfig, roots);
  return {
    gateOf: (file, text) => project.typesOf(file, text)?.gate,
    failureOf: (file) => project.failureOf(file),
    warnings: [...problems, ...project.warnings],
    stats: project.stats,
  };
}

/** `TS2339: Property 'some' does not exist on type 'OrderList'.`, as a held change quotes it. */
export function quoteDiagnostic(diagnostic: TypeDiagnostic): string {
  return `${diagnostic.code}: ${diagnostic.message}`;
}
