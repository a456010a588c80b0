import type { LibFeature } from "./types.js";

/**
 * What a TypeScript program knows of the file being transformed, as the engine hands it to the
 * transforms (`ctx.types`): the answers types can give to the questions one file leaves open.
 * The core knows no TypeScript: src/project/typescript/ implements this for a real program, and
 * without `--types` (or where no program can be built) there is none.
 *
 * Ranges are of the text the transform sees; the engine maps them to the text the program holds
 * (the file as it was read), and a range inside code an earlier pass rewrote has no answer.
 */
export interface TypeFacts {
  /** The type of the expression `[start, end)`, or undefined where types cannot say. */
  typeOf(range: Range): TypeView | undefined;
  /**
   * The function a reference (`isValid`, `rules.isValid`) evaluates to, wherever it is declared:
   * its file's text and the function's range in it, for the same analyses as a local one.
   */
  functionOf(range: Range): ForeignFunction | undefined;
  /**
   * Whether the place the expression `[start, end)` is used in (an argument's parameter, an
   * annotated variable, a property, a declared return type) accepts its type with `null` or
   * `undefined` added; undefined where that place has no type of its own to ask.
   */
  acceptsAbsent(range: Range, absent: "null" | "undefined"): boolean | undefined;
}

export interface Range {
  start: number;
  end: number;
}

/** One type as the checker sees it, with `null`/`undefined` members set apart. */
export interface TypeView {
  /** As TypeScript prints it: `string[]`, `Repository<User>`, `NodeListOf<Element>`. */
  text: string;
  /** `any`, or a type that did not resolve (an import of a package that is not installed). */
  unknown: boolean;
  /** Whether `null` or `undefined` is among its union members. */
  nullable: boolean;
  /** Which of them: `["null"]`, `["undefined"]`, both, or none. */
  nullish: readonly ("null" | "undefined")[];
  /** Each union member but `null`/`undefined` (the type itself when it is no union). */
  members: readonly TypeMember[];
}

export interface TypeMember {
  text: string;
  /**
   * What the checker says it is: an Array or ReadonlyArray, a tuple, a Set or ReadonlySet, a Map or
   * ReadonlyMap, a string (or string literal), a function, or another object type.
   */
  kind: "array" | "tuple" | "set" | "map" | "string" | "number" | "boolean" | "function" | "object";
  /** Whether the member has a property or method of this name (its own or inherited). */
  has(name: string): boolean;
  /** Whether calling the method `name` on it with no more than `arity` arguments type-checks. */
  callable(name: string, arity: number): boolean;
  /**
   * Where its property or method `name` is declared (its own or inherited): the class or
   * interface that declares it and that one's package, as in `origins`; undefined where it has
   * none (a method a project class overrides is the project's).
   */
  declarerOf(name: string): TypeOrigin | undefined;
  /** What calling its method `name` returns (its first call signature's return type). */
  returnOf(name: string): TypeView | undefined;
  /**
   * Where its type is declared: the name of its symbol (`Repository`), each class or interface it
   * extends or implements (`Model`, `Repository`), and for each, the package that declares it
   * (`typeorm`, `@prisma/client`, a generated client's directory) or `project`.
   */
  origins: readonly TypeOrigin[];
  /** Its type arguments' texts (`User` for `Repository<User>`). */
  typeArguments: readonly string[];
  /** It is a class itself (`typeof User`), not an instance: static methods are what it has. */
  isClass: boolean;
}

export interface TypeOrigin {
  name: string;
  /** The npm package that declares it (`typeorm`, `@prisma/client`), or `project` for the project's own. */
  module: string;
  /** The declaring file, relative to the module's root (`dist/repository/Repository.d.ts`). */
  file: string;
}

/** A function declared in another file, for the analyses that need its body. */
export interface ForeignFunction {
  /**
   * The declaring file's path, relative to the run's directory (for messages and to pick the
   * parser), and its whole text (for the parser).
   */
  path: string;
  source: string;
  /** The function's range in `source`. */
  start: number;
  end: number;
}

/** A compiler error, as the type-check gate quotes it. */
export interface TypeDiagnostic {
  /** `TS2532`. */
  code: string;
  message: string;
  /** Offset in the text that was checked. */
  start: number;
}

/**
 * The type-check gate for one file: the compiler's errors in the file with another text (the
 * rewritten one) that the file as read did not have. The engine asks it once per file after its
 * fixed point, and again to find which change added an error.
 */
export interface TypeGate {
  newErrors(text: string): readonly TypeDiagnostic[];
}

/**
 * How the program checks the file: its compiler options as TypeScript resolved them, and the
 * library methods it loaded. Where they differ from the tsconfig as lazymod read it, the
 * program's view wins (the type-check gate checks against it).
 */
export interface ProgramLanguage {
  strictNullChecks: boolean;
  noUncheckedIndexedAccess: boolean;
  checkJs: boolean;
  lib: readonly LibFeature[];
}

/** What the engine is given for one file in a project-aware run. */
export interface FileTypes {
  facts: TypeFacts;
  gate?: TypeGate;
  language?: ProgramLanguage;
}
