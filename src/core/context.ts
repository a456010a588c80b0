import type * as t from "@babel/types";
import { indexTree, type TreeIndex } from "../ast/walk.js";
import { defaultLanguage, type LanguageSettings } from "./language.js";
import type { ParserName } from "./parse.js";
import { inferStyle, type CodeStyle, type StyleHints } from "./style.js";
import type { TypeFacts } from "./type-facts.js";
import type { LibFeature, Node, Target } from "./types.js";

/**
 * Project settings transforms may read; they come from JSON configuration (never from code in the
 * scanned repository).
 */
export interface TransformSettings {
  /**
   * Whether a rewrite may add a non-null assertion (`xs.find(p)!`) to keep the type the original
   * had (default true); false holds such changes back instead, for projects that lint against `!`.
   */
  nonNullAssertions?: boolean;
  /**
   * Each family's own settings, under its key (`orm`), as its SettingsSpec checked them when the
   * configuration was read: the core passes them on without knowing what they say.
   */
  readonly [family: string]: unknown;
}

/** A warning a transform noted, at an offset of the text it saw. */
export interface NotedWarning {
  id: string;
  offset: number;
  message: string;
}

/** What a transform sees of one file during one pass. */
export class TransformContext {
  readonly source: string;
  readonly path: string;
  readonly parser: ParserName;
  /** The file's language level and type-checking settings (from its tsconfig, or the defaults). */
  readonly language: LanguageSettings;
  readonly ast: t.File;
  readonly settings: TransformSettings;
  private readonly facts: TypeFacts | undefined;
  /** What the project's formatter configuration says (read when first needed); the file's own habits come first. */
  private readonly styleHints: StyleHints | (() => StyleHints);
  private readonly index: TreeIndex;
  private readonly memo = new Map<string, unknown>();
  private readonly noted = new Map<string, NotedWarning>();

  constructor(init: {
    source: string;
    path: string;
    parser: ParserName;
    language?: LanguageSettings;
    ast: t.File;
    settings?: TransformSettings;
    styleHints?: StyleHints | (() => StyleHints);
    types?: TypeFacts;
  }) {
    this.source = init.source;
    this.path = init.path;
    this.parser = init.parser;
    this.language = init.language ?? defaultLanguage();
    this.ast = init.ast;
    this.settings = init.settings ?? {};
    this.styleHints = init.styleHints ?? {};
    this.facts = init.types;
    this.index = indexTree(init.ast);
  }

  /**
   * What the project's TypeScript program knows of this file (`--types`); undefined in a
   * file-local run, where every judgement rests on this file alone. Every question to the types
   * starts here: a file-local pass that looks at it (and finds none) notes `consultedTypes`.
   */
  get types(): TypeFacts | undefined {
    if (!this.facts) this.consultedTypes = true;
    return this.facts;
  }

  /**
   * Whether a transform looked for the project's types in this pass and had none: a question only
   * they answer (a receiver this file cannot prove, a callback from another file, an ORM client).
   * A pass that never looks judges alike with and without them, so a project-aware run builds no
   * program for a file whose passes never did (unless the compiler checks it: see
   * `mayBeTypeChecked`).
   */
  consultedTypes = false;

  /**
   * Notes something the user should fix that is neither a change nor an error (a configuration
   * entry that nearly names this code, say); once per id and message in a file.
   */
  warn(node: Node, id: string, message: string): void {
    const key = `${id}\u0000${message}`;
    if (!this.noted.has(key)) this.noted.set(key, { id, offset: start(node), message });
  }

  /**
   * Notes that the project's types could find a change here that this file alone cannot (a Set
   * from another file, say): in a file-local first phase, the file then gets its program too,
   * though it has no finding yet.
   */
  askTypes(): void {
    if (!this.facts) this.asksTypes = true;
  }

  /** Whether a transform asked for the project's types (see askTypes). */
  asksTypes = false;

  /** The warnings noted so far, at offsets of this pass's text. */
  get warnings(): readonly NotedWarning[] {
    return [...this.noted.values()];
  }

  /** Whether the compiler may report type errors in this file (see `mayBeTypeChecked`). */
  get mayBeTypeChecked(): boolean {
    return mayBeTypeChecked(this.parser, this.language, this.source);
  }

  get isTypeScript(): boolean {
    return this.parser !== "babylon";
  }

  /** How new text is spelled in this file (quotes, semicolons, arrow parentheses, indentation). */
  get style(): CodeStyle {
    return this.memoize("style", () => {
      const hints = typeof this.styleHints === "function" ? this.styleHints() : this.styleHints;
      return inferStyle(this.source, this.ast, hints);
    });
  }

  get target(): Target {
    return this.language.target;
  }

  /** Whether the file's library declares a method a rewrite would call (`find` is not in ES5's). */
  hasLib(feature: LibFeature): boolean {
    return this.language.lib.includes(feature);
  }

  /**
   * Whether TypeScript checks `null`/`undefined` in this file: a `.ts`/`.tsx` file, or JavaScript
   * that is type-checked (`checkJs` without a `// @ts-nocheck`, or a `// @ts-check` of its own),
   * under `strictNullChecks`. Only then can `T | undefined` where `T` was fail.
   */
  get checksNullability(): boolean {
    if (!this.language.strictNullChecks) return false;
    if (this.isTypeScript) return true;
    return this.memoize("checksJs", () => {
      const pragma = this.typeCheckPragma();
      return pragma === "@ts-check" || (this.language.checkJs && pragma !== "@ts-nocheck");
    });
  }

  /** `// @ts-check` or `// @ts-nocheck` before the first statement, as TypeScript reads them. */
  private typeCheckPragma(): "@ts-check" | "@ts-nocheck" | undefined {
    const first = this.ast.program.body[0];
    const before = first ? start(first) : this.source.length;
    for (const comment of this.comments) {
      if ((comment.start ?? 0) >= before) break;
      const pragma = /^\s*\**\s*(@ts-(?:no)?check)\b/.exec(comment.value)?.[1];
      if (pragma) return pragma as "@ts-check" | "@ts-nocheck";
    }
    return undefined;
  }

  get comments(): readonly t.Comment[] {
    return this.ast.comments ?? [];
  }

  parentOf(node: Node): Node | undefined {
    return this.index.parentOf(node);
  }

  /** Every node of a type, in source order. */
  nodesOfType(type: string): readonly Node[] {
    return this.index.byType.get(type) ?? [];
  }

  text(node: Node | { start: number; end: number }): string {
    return this.source.slice(start(node), end(node));
  }

  /** Per-file cache for analyses that several matches ask for. */
  memoize<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    this.memo.set(key, value);
    return value;
  }

  /** Ancestors from the parent outwards. */
  *ancestors(node: Node): Generator<Node> {
    let current = this.parentOf(node);
    while (current) {
      yield current;
      current = this.parentOf(current);
    }
  }
}

/**
 * Whether the compiler may report type errors in a file, so that the type-check gate can hold
 * back a change in it: any TypeScript file, and JavaScript under `checkJs` or with a
 * `// @ts-check` anywhere in it (erring towards yes: a wrong no would skip the gate).
 */
export function mayBeTypeChecked(
  parser: ParserName,
  language: LanguageSettings,
  source: string,
): boolean {
  return parser !== "babylon" || language.checkJs || source.includes("@ts-check");
}

export function start(node: Node | { start: number; end: number }): number {
  return (node as { start?: number | null }).start ?? 0;
}

export function end(node: Node | { start: number; end: number }): number {
  return (node as { end?: number | null }).end ?? 0;
}
