import type { RiskFactorId } from "./risk.js";
import type * as t from "@babel/types";

export type Node = t.Node;

/**
 * ECMAScript level the rewritten code may rely on: below es2022 there is no `Object.hasOwn`,
 * below es2023 no `findLast`. es2020 is the lowest: lazymod's rewrites may use its syntax (`??`).
 */
export type Target = "es2020" | "es2021" | "es2022" | "es2023" | "es2024" | "es2025";
export const TARGETS: readonly Target[] = [
  "es2020",
  "es2021",
  "es2022",
  "es2023",
  "es2024",
  "es2025",
];
/** The level used when neither an option, the configuration nor a tsconfig says. */
export const DEFAULT_TARGET: Target = "es2022";

/**
 * Library methods that some rewrite emits and that not every TypeScript `lib` declares (`some`,
 * `every` and `hasOwnProperty` are ES5 and always there; `Set`/`Map#has` only replace code that
 * already uses a Set or Map).
 */
export type LibFeature = "Array#find" | "Array#findLast" | "Object.hasOwn";

export type Band = "low" | "medium" | "high";

export interface RiskFactor {
  id: string;
  weight: number;
  reason: string;
}

export interface Risk {
  score: number;
  band: Band;
  factors: RiskFactor[];
  /**
   * What the project's types proved about the code (`receiver is string[]`): each took the place
   * of the risk factor it settles, so the score never changes without a line that says why.
   */
  proofs?: RiskProof[];
}

/** A fact types proved, shown with the change (`✓ receiver is string[] (types)`). */
export interface RiskProof {
  id: string;
  reason: string;
}

/** A risk reason raised by a transform's assess phase; the engine weighs it. */
export interface RiskReason {
  /** One of the factors a family defines (see RiskFactorRegistry): a misspelt id fails `tsc`. */
  id: RiskFactorId;
  /** Names the code the reason is about, e.g. the receiver's source text. */
  detail?: string;
}

/**
 * What happens to a change:
 * - `apply`: at or below `--max-risk`; written with `--write`;
 * - `held`: above `--max-risk`; reported, never written;
 * - `report`: a finding with no automatic fix.
 */
export type ChangeStatus = "apply" | "held" | "report";

/** One change, as plain data. Offsets are UTF-16 indexes into the file's text (after any BOM). */
export interface Change {
  transform: string;
  /**
   * Where the finding is reported, 1-based: the start of the code it is about (the finding's
   * node). It can lie after `startLine`/`startColumn`, e.g. when the change removes a declaration
   * with its whole line: the report points at the declared name, not at the indentation.
   */
  line: number;
  column: number;
  start: number;
  end: number;
  /** The replaced range `[start, end)` as 1-based lines and columns; `endColumn` is exclusive. */
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  replacement: string;
  /** The original text `[start, end)` that `replacement` replaces. */
  original: string;
  message: string;
  messageId: string;
  status: ChangeStatus;
  risk: Risk;
  /** Unified hunk (3 lines of context) showing this change alone. */
  diff: string;
  /** Transforms whose earlier changes this one encloses (nested patterns resolved over passes). */
  includes?: string[];
  /** How much the change matters, as the code shows it (`--sort impact`); absent: nothing noted. */
  impact?: Impact;
}

/**
 * What the code shows of a change's impact: never a risk, and it changes no score. `rank`: 3 an
 * ORM load with no filter or limit, 2 an ORM load in a loop or a request handler, 1 any other
 * change in one, 0 the rest; test files sort last whatever their rank (the `test-code` note).
 */
export interface Impact {
  rank: number;
  notes: ImpactNote[];
}

export interface ImpactNote {
  id: "unbounded-load" | "in-loop" | "in-request-handler" | "test-code";
  reason: string;
}

/**
 * Something in a file the user should fix that neither fails the file nor the run, e.g. an ignore
 * comment naming a transform that does not exist. Positions are 1-based, in the original text.
 */
export interface FileWarning {
  /** What kind of warning: `unknown-transform-in-directive`. */
  id: string;
  line: number;
  column: number;
  message: string;
  /** The transform id the warning is about, as written. */
  transform?: string;
  /** The nearest known transform id (did you mean …?). */
  suggestion?: string;
}

/** A slice of the source being rewritten, copied verbatim (with any comments inside it). */
export interface SourceSlice {
  from: number;
  to: number;
}

export type Piece = string | SourceSlice;

/** Replace `[start, end)` of the source with the pieces, in order. */
export interface Rewrite {
  start: number;
  end: number;
  pieces: Piece[];
}

/** The match phase's result; a transform extends it with whatever its fix needs. */
export interface BaseMatch {
  /** The node the finding is reported at (its start gives line and column). */
  node: Node;
  messageId: string;
  data?: Record<string, string>;
}

export interface ParseFailure {
  message: string;
  line?: number;
  column?: number;
  /** The parser ran out of stack: the input may be valid, just nested beyond what can be parsed. */
  tooDeeplyNested?: boolean;
}

/** Something went wrong inside lazymod, not in the user's code. */
export interface InternalError {
  transform: string;
  message: string;
  stack?: string;
}
