import type * as t from "@babel/types";
import { outermostWrapper } from "../../src/ast/context-predicates.js";
import { end, start, type TransformContext } from "../../src/core/context.js";
import { backticked, quoteCode } from "../../src/core/quote.js";
import {
  isNarrowedToPresent,
  presenceTests,
  toleratesAbsent,
  type Absent,
  type PresenceAtom,
} from "../../src/core/nullability.js";
import { CommonRisk } from "../../src/core/risk.js";
import { bindingUses, findBinding } from "../../src/core/scope.js";
import { isLooseExpressionSlot } from "../../src/fix/index.js";
import type { Node, Piece, RiskReason } from "../../src/core/types.js";

/**
 * How a rewrite keeps the program type-correct where the lazy value can be absent (`find` →
 * `T | undefined`, a one-row query → `T | null`) and the original could not (`xs[0]` is `T`):
 * - `as-is`: nothing to do (no strictNullChecks, the original was already `T | undefined`, or
 *   every use copes with the absent value);
 * - `assert`: `!` keeps the type `T` (TypeScript files only);
 * - `as-undefined`: `?? undefined` turns a one-row query's `null` back into the `undefined` the
 *   original was typed with (noUncheckedIndexedAccess);
 * - `held`: no form keeps the type (checkJs, or `nonNullAssertions: false`): held back.
 */
export type Keeping = "as-is" | "assert" | "as-undefined" | "held";

export interface KeepingQuestion {
  /** What the lazy value may be besides the element. */
  absent: Absent;
  /** The original's type already admits `undefined` (`.at(0)`, `.shift()`, noUncheckedIndexedAccess). */
  originalMayBeUndefined: boolean;
  /** Whether every use copes with the absent value (asked only when the answer matters). */
  tolerated: () => boolean;
}

export function keepingFor(ctx: TransformContext, question: KeepingQuestion): Keeping {
  if (!ctx.checksNullability) return "as-is";
  if (question.originalMayBeUndefined && question.absent === "undefined") return "as-is";
  if (question.tolerated()) return "as-is";
  if (question.originalMayBeUndefined) return "as-undefined";
  if (ctx.isTypeScript && ctx.settings.nonNullAssertions !== false) return "assert";
  return "held";
}

/**
 * Where the project's types say a value that may now be absent type-checks as it is: its type
 * admits the absent value already (`(T | undefined)[]`'s element), or the place it is used in
 * accepts it (a parameter `x?: T`, a variable annotated `T | undefined`). The proof's detail, or
 * undefined where types cannot say so.
 */
export function typedAbsenceFits(
  ctx: TransformContext,
  value: Node,
  absent: Absent,
  /** Ask about the place it is used in too (not for a name a pattern declares). */
  askSlot = true,
): string | undefined {
  if (!ctx.types) return undefined;
  const range = { start: start(value), end: end(value) };
  const code = backticked(quoteCode(ctx.text(value)));
  const view = ctx.types.typeOf(range);
  if (view && !view.unknown && view.nullish.includes(absent))
    return `${code} is already ${backticked(quoteCode(view.text))}`;
  if (askSlot && ctx.types.acceptsAbsent(range, absent))
    return `${code} is used where \`${absent}\` is accepted`;
  return undefined;
}

/** Whether `xs[0]` (or a destructured first element) is typed `T | undefined` in this file. */
export function indexMayBeUndefined(ctx: TransformContext): boolean {
  return ctx.language.noUncheckedIndexedAccess;
}

/** The risk reason that says how the type was kept (none for `as-is`). */
export function keepingReasons(keeping: Keeping, detail: string): RiskReason[] {
  switch (keeping) {
    case "as-is":
      return [];
    case "assert":
      return [{ id: CommonRisk["non-null-assertion"], detail }];
    case "as-undefined":
      return [{ id: CommonRisk["keeps-undefined"], detail }];
    case "held":
      return [{ id: CommonRisk["result-type-widens"], detail }];
  }
}

/**
 * The lazy value's pieces with what keeps its type, for the slot of `target`: `xs.find(p)!`,
 * `(await q)!` (both fit any slot), `(await q) ?? undefined` (parenthesised unless the slot takes any
 * expression and is not an operand of `&&`/`||`, which cannot mix with `??`). Undefined for
 * `as-is` and `held`: the caller's own pieces stand.
 */
export function keptPieces(
  ctx: TransformContext,
  target: Node,
  pieces: Piece[],
  keeping: Keeping,
  isAwait = false,
): Piece[] | undefined {
  if (keeping === "assert") return isAwait ? ["(", ...pieces, ")!"] : [...pieces, "!"];
  if (keeping !== "as-undefined") return undefined;
  const self = outermostWrapper(ctx, target);
  const loose =
    self === target &&
    isLooseExpressionSlot(ctx, self) &&
    ctx.parentOf(self)?.type !== "LogicalExpression";
  // `(await q) ?? undefined`: the parentheses are not needed, but say how it reads (as Prettier does).
  const value = isAwait ? ["(", ...pieces, ")"] : pieces;
  return loose ? [...value, " ?? undefined"] : ["(", ...value, " ?? undefined)"];
}

/**
 * Whether a value that may now be absent is only used in ways that cope with it: the use itself
 * (a condition, `?.`, `??`, a comparison, …), a narrowing around it (`atom` recognises the tests
 * of the same value), or, for `const u = <value>` without an annotation, every read of `u`.
 */
export function valueTolerated(
  ctx: TransformContext,
  value: Node,
  absent: Absent,
  atom?: PresenceAtom,
): boolean {
  if (toleratesAbsent(ctx, value, absent)) return true;
  if (atom && isNarrowedToPresent(ctx, value, atom)) return true;
  const self = outermostWrapper(ctx, value);
  const declarator = ctx.parentOf(self);
  if (
    declarator?.type === "VariableDeclarator" &&
    declarator.init === self &&
    declarator.id.type === "Identifier" &&
    !declarator.id.typeAnnotation
  )
    return bindingTolerated(ctx, declarator.id, absent);
  return false;
}

/**
 * Whether every read of a variable copes with an absent value: a condition, `?.`, … (as above),
 * or narrowed by a test of the variable (`if (!token) return;`). A variable that is reassigned
 * or exported is not followed.
 */
export function bindingTolerated(ctx: TransformContext, id: t.Identifier, absent: Absent): boolean {
  const binding = findBinding(ctx, id);
  if (!binding || binding.id !== id) return false;
  // `export const [admin] = …`: other files read it, with the type it had.
  if (binding.declaration && ctx.parentOf(binding.declaration)?.type === "ExportNamedDeclaration")
    return false;
  const uses = bindingUses(ctx, binding);
  if (!uses || uses.writes.length > 0) return false;
  const reads = new Set<Node>(uses.reads);
  const atom = presenceTests((node) => reads.has(node), absent);
  return uses.reads.every(
    (read) => toleratesAbsent(ctx, read, absent) || isNarrowedToPresent(ctx, read, atom),
  );
}
