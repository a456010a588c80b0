import { isBooleanContext, outermostWrapper } from "../../../src/ast/context-predicates.js";
import {
  isCallLike,
  isIdentifier,
  isMemberLike,
  skipTypeWrappers,
} from "../../../src/ast/predicates.js";
import { end, start, type TransformContext } from "../../../src/core/context.js";
import { freshName } from "../../../src/core/scope.js";
import type { Node, Piece, Rewrite } from "../../../src/core/types.js";
import {
  fitsInPlaceOf,
  isLooseExpressionSlot,
  removeRange,
  replaceNode,
  statementRemovalRange,
} from "../../../src/fix/index.js";
import { capitalize, existenceName, firstElementName, singular } from "../naming.js";
import { keptPieces, type Keeping } from "../result-type.js";
import { lazyCall } from "./lazy-call.js";
import type { LazyQuery, LazyResult } from "./query.js";
import type { EagerLoad } from "./recognize.js";
import type { LazyOperation } from "./settings.js";
import type { RowsUse } from "./uses.js";

/**
 * The rewrites that turn an eager load site into the lazy query: the query, the variable or
 * `.then` parameter that held the rows, and every use, each rewritten for the operation the lazy
 * query answers (exists, count or first). A lazy query whose result is still `rows` (the query
 * was limited to one row) changes only the query.
 */
export function siteRewrites(
  ctx: TransformContext,
  load: EagerLoad,
  lazy: LazyQuery,
  keepings?: ReadonlyMap<Node, Keeping>,
): Rewrite[] {
  const { query, site } = load;
  const call = lazyCall(ctx, query, lazy);
  if (lazy.result === "rows") return [replaceNode(query.node, call)];
  const awaited: Piece[] = ["await ", ...call];
  const operation = lazy.operation;
  const answer = { operation, result: lazy.result, keepings };
  switch (site.form) {
    case "inline":
      return [useRewrite(ctx, answer, site.use, { pieces: awaited, isAwait: true })];
    case "destructure": {
      // `const [first] = await q` → `const first = await lazy`
      const keeping = keepings?.get(site.value) ?? "as-is";
      return [
        replaceNode(site.declarator.id, [site.element.name]),
        replaceNode(site.value, keptPieces(ctx, site.value, awaited, keeping, true) ?? awaited),
      ];
    }
    case "binding": {
      const { binding, uses } = site;
      // A multi-line query stays where it was rather than landing inside a condition.
      const moved = useRewrite(ctx, answer, uses[0]!, { pieces: awaited, isAwait: true });
      // A query moved into its use must not make a line the formatter would break.
      if (
        binding.canMoveToUse &&
        !ctx.text(binding.declarator.init!).includes("\n") &&
        fitsInPlaceOf(ctx, moved, moved.pieces)
      ) {
        const removal = statementRemovalRange(ctx, binding.declaration);
        return [removeRange(removal.from, removal.to), moved];
      }
      // The variable stays where the rows were loaded, holding the answer under a truthful name.
      // `(await q({⏎…⏎})) > 0` is laid out by a formatter otherwise than the query alone: a query
      // over several lines keeps holding its value (a count, a row), and the uses test it.
      // So does one whose test would make the line pass the width the project's formatter keeps.
      const testInit =
        operation === "exists"
          ? existsExpression(
              lazy.result,
              awaited,
              { nonEmpty: true, explicit: true, booleanContext: false },
              true,
            )
          : undefined;
      const multiLine = ctx.text(binding.declarator.init!).includes("\n");
      const holdsTest =
        !!testInit &&
        (lazy.result === "boolean" ||
          (!multiLine && fitsInPlaceOf(ctx, binding.declarator.init!, testInit)));
      const name = holderName(
        ctx,
        binding.name,
        operation,
        lazy.result,
        operation === "exists" ? holdsTest : true,
      );
      const init = holdsTest && testInit ? testInit : valueExpression(lazy.result, awaited, true);
      const held = { pieces: [name], isAwait: false, holdsTest, converted: true };
      return [
        replaceNode(binding.declarator.id, [name]),
        replaceNode(binding.declarator.init!, init),
        ...uses.map((use) => useRewrite(ctx, answer, use, held)),
      ];
    }
    case "then": {
      const name = holderName(ctx, site.param.name, operation, lazy.result, false);
      const held = { pieces: [name], isAwait: false };
      // `.then((rows) => rows.length)` becomes `.then((rowCount) => rowCount)`: drop it instead.
      const [only] = site.uses;
      const body = site.callback.body;
      if (site.uses.length === 1 && body.type !== "BlockStatement") {
        const rendered = useRewrite(ctx, answer, only!, held);
        const whole = skipTypeWrappers(body);
        const identity = rendered.pieces.length === 1 && rendered.pieces[0] === name;
        if (identity && rendered.start === start(whole) && rendered.end === end(whole))
          return [replaceNode(site.call, call)];
      }
      return [
        replaceNode(query.node, call),
        replaceNode(site.param, [name]),
        ...site.uses.map((use) => useRewrite(ctx, answer, use, held)),
      ];
    }
  }
}

/** What the lazy query answers, and how its value is written for each use. */
interface Answer {
  operation: LazyOperation;
  result: LazyResult;
  /** How each first-row use keeps its type (by the use's target); absent: as it is. */
  keepings?: ReadonlyMap<Node, Keeping> | undefined;
}

interface Value {
  pieces: Piece[];
  /** An `await …` expression (parenthesised when it becomes an operand). */
  isAwait: boolean;
  /** A variable holding the existence test itself. */
  holdsTest?: boolean;
  /** A variable holding the value already converted (Knex's count row read as a number). */
  converted?: boolean;
}

function useRewrite(ctx: TransformContext, answer: Answer, use: RowsUse, value: Value): Rewrite {
  let target: Node;
  let pieces: Piece[];
  if (use.kind === "exists" && value.holdsTest) {
    target = use.target;
    pieces = use.nonEmpty ? value.pieces : ["!", ...value.pieces];
  } else if (answer.operation === "count" && (use.kind === "count" || use.kind === "exists")) {
    // The count stands in for `.length`: `rows.length > 0` → `rowCount > 0`.
    target = use.length;
    pieces = value.converted
      ? value.pieces
      : valueExpression(answer.result, value.pieces, value.isAwait);
  } else if (use.kind === "exists") {
    target = use.target;
    pieces = existsExpression(answer.result, value.pieces, use, value.isAwait);
  } else if (use.kind === "first") {
    target = use.target;
    pieces = value.pieces;
    const keeping = answer.keepings?.get(use.target) ?? "as-is";
    const kept = keptPieces(ctx, target, pieces, keeping, value.isAwait);
    if (kept) return replaceNode(target, kept);
  } else {
    throw new Error(`a ${use.kind} use cannot be answered by a ${answer.operation} query`);
  }
  return replaceNode(target, fitsSlot(ctx, target, pieces) ? pieces : ["(", ...pieces, ")"]);
}

/**
 * A test of the lazy value: `(await q) > 0`, `await repo.exists(o)`, `(await q) !== null`…; where
 * only truthiness counts (a bare `.length` in a condition), the value itself.
 */
function existsExpression(
  result: LazyResult,
  value: Piece[],
  use: { nonEmpty: boolean; explicit: boolean; booleanContext: boolean },
  isAwait: boolean,
): Piece[] {
  const operand = isAwait ? ["(", ...value, ")"] : value;
  const { nonEmpty } = use;
  if (!use.explicit || result === "boolean" || (use.booleanContext && result === "doc-or-null"))
    return nonEmpty ? value : ["!", ...operand];
  switch (result) {
    case "number":
      return [...operand, nonEmpty ? " > 0" : " === 0"];
    case "row-or-null":
      return [...operand, nonEmpty ? " !== null" : " === null"];
    case "row-or-undefined":
      return [...operand, nonEmpty ? " !== undefined" : " === undefined"];
    case "doc-or-null":
      // Mongoose 6+ resolves `exists` to `{ _id }` or null, Mongoose 5 to a boolean: test truthiness.
      return nonEmpty ? ["!!", ...operand] : ["!", ...operand];
    default:
      throw new Error(`no existence test for a ${result} result`);
  }
}

/** The lazy value standing in for the rows' count or first row. */
function valueExpression(result: LazyResult, value: Piece[], isAwait: boolean): Piece[] {
  if (result !== "count-row") return value;
  // Knex resolves `.count({ count: "*" }).first()` to `{ count }`, a string on some drivers.
  return ["Number(", ...(isAwait ? ["(", ...value, ")"] : value), "?.count)"];
}

/** Whether pieces can replace the node without parentheses. */
function fitsSlot(ctx: TransformContext, target: Node, pieces: readonly Piece[]): boolean {
  const only = pieces.length === 1 ? pieces[0] : undefined;
  if (typeof only === "string" && /^[\w$]+$/.test(only)) return true;
  if (pieces[0] === "Number(") return true;
  return isLooseExpressionSlot(ctx, outermostWrapper(ctx, target));
}

/**
 * `students` → `hasStudents` (a test), `studentCount`, `firstStudent`; when the file already uses
 * that name (often the enclosing function's), another phrasing before a numbered one.
 */
function holderName(
  ctx: TransformContext,
  name: string,
  operation: LazyOperation,
  result: LazyResult,
  holdsTest: boolean,
): string {
  const candidates = holderNames(name, operation, result, holdsTest);
  return candidates.find((c) => freshName(ctx, c) === c) ?? freshName(ctx, candidates[0]!);
}

function holderNames(
  name: string,
  operation: LazyOperation,
  result: LazyResult,
  holdsTest: boolean,
): string[] {
  const one = singular(name);
  if (result === "count-row" && !holdsTest) return ["countRow"];
  if (operation === "count" || (operation === "exists" && !holdsTest && result === "number"))
    return [`${one}Count`, `numberOf${capitalize(name)}`];
  if (operation === "exists" && (holdsTest || result === "boolean"))
    return [existenceName(name), `any${capitalize(name)}`];
  return one !== name ? [firstElementName(name), one] : [firstElementName(name)];
}

/**
 * Whether a first-row value used here behaves the same whether it is `null` or `undefined`: a
 * condition, a property read or call, `??`, `||`, or a loose comparison.
 */
export function toleratesNull(ctx: TransformContext, node: Node): boolean {
  if (isBooleanContext(ctx, node)) return true;
  const self = outermostWrapper(ctx, node);
  const parent = ctx.parentOf(self);
  if (!parent) return false;
  if (isMemberLike(parent) && parent.object === self) return true;
  if (isCallLike(parent) && parent.callee === self) return true;
  if (parent.type === "LogicalExpression")
    return parent.left === self && (parent.operator === "??" || parent.operator === "||");
  if (
    parent.type === "BinaryExpression" &&
    (parent.operator === "==" || parent.operator === "!=")
  ) {
    const other = parent.left === self ? parent.right : parent.left;
    return other.type === "NullLiteral" || isIdentifier(other, "undefined");
  }
  return false;
}
