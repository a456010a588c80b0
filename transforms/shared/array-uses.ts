import type * as t from "@babel/types";
import {
  isBooleanContext,
  isMutationOrCallTarget,
  lengthOf,
  outermostWrapper,
  zeroComparison,
} from "../../src/ast/context-predicates.js";
import {
  isCallLike,
  isFunctionLike,
  isIdentifier,
  isMemberLike,
  isNumberLiteral,
  isStableReference,
  methodCallee,
  propertyName,
  skipTypeWrappers,
  type CallLike,
  type MemberLike,
} from "../../src/ast/predicates.js";
import { end, start, type TransformContext } from "../../src/core/context.js";
import { analyzeCallback } from "../../src/core/effects.js";
import { localBindingOf, type LocalBinding } from "../../src/core/local-binding.js";
import { isProvablyArray, TYPED_ARRAYS, valueKind } from "../../src/core/receiver.js";
import { backticked, quoteCode } from "../../src/core/quote.js";
import { CommonRisk } from "../../src/core/risk.js";
import type { Node, RiskReason } from "../../src/core/types.js";

/** `recv.method(callback[, thisArg])` where `recv` could be an array and the callback a function. */
export interface ArrayCallbackCall {
  call: CallLike;
  callee: MemberLike & { property: t.Identifier };
  receiver: Node;
  callback: Node;
  /** Part of an optional chain (`xs?.filter(p)`): the value may be `undefined`. */
  optional: boolean;
}

/**
 * `recv.filter(cb)` (or another method) where the receiver is not provably something other than
 * an array and the first argument can be a function: jQuery's `$x.filter(".a")` and a Set's
 * methods are not matched.
 */
export function arrayCallbackCall(node: Node, method: string): ArrayCallbackCall | undefined {
  const callee = methodCallee(node, [method]);
  if (!callee || !isCallLike(node)) return undefined;
  const args = node.arguments;
  if (args.length < 1 || args.length > 2 || args.some((a) => a.type === "SpreadElement"))
    return undefined;
  const callback = args[0]!;
  if (!couldBeFunction(callback)) return undefined;
  if (node.type === "CallExpression" && callee.type === "OptionalMemberExpression")
    return undefined;
  return {
    call: node,
    callee,
    receiver: callee.object,
    callback,
    optional: node.type === "OptionalCallExpression",
  };
}

function couldBeFunction(node: Node): boolean {
  const inner = skipTypeWrappers(node);
  return isFunctionLike(inner) || isIdentifier(inner) || isMemberLike(inner) || isCallLike(inner);
}

/**
 * Whether the receiver may be an array: not provably something else by this file, nor by the
 * project's types (a class with its own `filter`, a NodeList: then no change at all).
 */
function receiverCouldBeArray(ctx: TransformContext, receiver: Node): boolean {
  const kind = valueKind(ctx, receiver).kind;
  if (kind === "array") return true;
  return kind === "unknown" && typedReceiver(ctx, receiver)?.kind !== "other";
}

/**
 * The match, if its receiver may be an array (`receiverCouldBeArray`). Matchers ask this last,
 * after the shape and the uses this file shows, so that only a match asks the project's types:
 * a file-local run builds a program only for files whose judgement asked them something (see
 * TransformContext.consultedTypes).
 */
export function ifReceiverCouldBeArray<M>(
  ctx: TransformContext,
  receiver: Node,
  match: M | undefined,
): M | undefined {
  return match && receiverCouldBeArray(ctx, receiver) ? match : undefined;
}

/** How the array a call produced (or a variable holding it) is used. */
export type ArrayUse =
  | {
      kind: "exists";
      /** true: "has any element"; false: "is empty". */
      nonEmpty: boolean;
      /** The expression to replace (`xs.filter(p).length > 0`, or just the `.length` member). */
      target: Node;
      /** Only its truthiness matters (so `undefined` and `false` are alike). */
      booleanContext: boolean;
    }
  | { kind: "first" | "last"; target: Node }
  | { kind: "destructure"; declarator: t.VariableDeclarator; element: Node }
  | { kind: "every"; target: t.BinaryExpression; negated: boolean; comparedTo: Node }
  | { kind: "bound"; binding: LocalBinding };

/** Classifies the use of an array-valued node; undefined for any use the rewrites do not cover. */
export function classifyArrayUse(ctx: TransformContext, value: Node): ArrayUse | undefined {
  const self = outermostWrapper(ctx, value);
  const parent = ctx.parentOf(self);
  if (!parent) return undefined;

  const length = lengthOf(ctx, value);
  if (length) return classifyLengthUse(ctx, length);

  // `xs.filter(p)[0]`
  if (
    isMemberLike(parent) &&
    parent.object === self &&
    parent.computed &&
    isNumberLiteral(parent.property, 0)
  ) {
    return isMutationOrCallTarget(ctx, outermostWrapper(ctx, parent))
      ? undefined
      : { kind: "first", target: parent };
  }
  // `.at(0)`, `.at(-1)`, `.shift()`, `.pop()`
  if (isMemberLike(parent) && parent.object === self) {
    const call = ctx.parentOf(parent);
    const method = propertyName(parent);
    if (
      isCallLike(call) &&
      call.callee === parent &&
      !isMutationOrCallTarget(ctx, outermostWrapper(ctx, call))
    ) {
      if (method === "at" && call.arguments.length === 1) {
        if (isNumberLiteral(call.arguments[0], 0)) return { kind: "first", target: call };
        if (isNumberLiteral(call.arguments[0], -1)) return { kind: "last", target: call };
      }
      if (method === "shift" && call.arguments.length === 0) return { kind: "first", target: call };
      if (method === "pop" && call.arguments.length === 0) return { kind: "last", target: call };
    }
    return undefined;
  }
  if (parent.type === "VariableDeclarator" && parent.init === self) {
    // `const [x] = xs.filter(p)`
    if (
      parent.id.type === "ArrayPattern" &&
      !parent.id.typeAnnotation &&
      parent.id.elements.length === 1
    ) {
      const element = parent.id.elements[0];
      if (element && element.type !== "RestElement")
        return { kind: "destructure", declarator: parent, element };
      return undefined;
    }
    const binding = localBindingOf(ctx, value);
    return binding ? { kind: "bound", binding } : undefined;
  }
  return undefined;
}

function classifyLengthUse(ctx: TransformContext, length: MemberLike): ArrayUse | undefined {
  const comparison = zeroComparison(ctx, length);
  if (comparison) {
    return {
      kind: "exists",
      nonEmpty: comparison.nonEmpty,
      target: comparison.compare,
      booleanContext: isBooleanContext(ctx, comparison.compare),
    };
  }
  const every = equalLengthComparison(ctx, length);
  if (every) return every;
  if (!isBooleanContext(ctx, length)) return undefined;
  const self = outermostWrapper(ctx, length);
  const parent = ctx.parentOf(self);
  // `!!xs.filter(p).length` and `Boolean(xs.filter(p).length)` are the test itself.
  if (parent?.type === "UnaryExpression" && parent.operator === "!") {
    const outer = ctx.parentOf(parent);
    if (outer?.type === "UnaryExpression" && outer.operator === "!") {
      return {
        kind: "exists",
        nonEmpty: true,
        target: outer,
        booleanContext: isBooleanContext(ctx, outer),
      };
    }
  }
  if (parent?.type === "CallExpression" && isIdentifier(parent.callee, "Boolean")) {
    return {
      kind: "exists",
      nonEmpty: true,
      target: parent,
      booleanContext: isBooleanContext(ctx, parent),
    };
  }
  return { kind: "exists", nonEmpty: true, target: length, booleanContext: true };
}

/** `r.length === xs.length` / `xs.length !== r.length`. */
function equalLengthComparison(ctx: TransformContext, length: MemberLike): ArrayUse | undefined {
  const self = outermostWrapper(ctx, length);
  const compare = ctx.parentOf(self);
  if (compare?.type !== "BinaryExpression") return undefined;
  if (!["===", "==", "!==", "!="].includes(compare.operator)) return undefined;
  const other = skipTypeWrappers(compare.left === self ? compare.right : compare.left);
  if (!isMemberLike(other) || other.computed || !isIdentifier(other.property, "length"))
    return undefined;
  return {
    kind: "every",
    target: compare,
    negated: compare.operator.startsWith("!"),
    comparedTo: other.object,
  };
}

/** Structurally the same side-effect-free reference: `this.items` and `this.items`. */
export function isSameReference(a: Node, b: Node): boolean {
  const x = skipTypeWrappers(a);
  const y = skipTypeWrappers(b);
  if (!isStableReference(x) || !isStableReference(y)) return false;
  if (x.type === "Identifier" && y.type === "Identifier") return x.name === y.name;
  if (x.type === "ThisExpression" && y.type === "ThisExpression") return true;
  if (isMemberLike(x) && isMemberLike(y)) {
    if (x.computed !== y.computed) return false;
    const px = x.property;
    const py = y.property;
    const sameProperty =
      (px.type === "Identifier" && py.type === "Identifier" && px.name === py.name) ||
      (px.type === "StringLiteral" && py.type === "StringLiteral" && px.value === py.value) ||
      (px.type === "NumericLiteral" && py.type === "NumericLiteral" && px.value === py.value);
    return sameProperty && isSameReference(x.object, y.object);
  }
  return false;
}

/**
 * What the project's types say of a receiver: every member of its union (null and undefined
 * aside) an Array, a ReadonlyArray or a tuple (`array`, with the type as shown); some member
 * provably something else (`other`: a custom collection, NodeList, an Immutable.js List…);
 * undefined where they cannot say (`any`, no program, a typed array).
 */
function typedReceiver(
  ctx: TransformContext,
  receiver: Node,
): { kind: "array"; shown: string } | { kind: "other" } | undefined {
  const view = ctx.types?.typeOf({ start: start(receiver), end: end(receiver) });
  if (!view || view.unknown) return undefined;
  if (view.members.every((m) => m.kind === "array" || m.kind === "tuple")) {
    const arrays = backticked(quoteCode(view.members.map((m) => m.text).join(" | ")));
    // `Item[] | undefined` (behind `?.`), or `T extends Item[]`: say what was proved of what.
    const shown = view.nullable
      ? `${arrays} where it is not nullish`
      : view.members.length === 1 && view.members[0]!.text !== view.text
        ? `${backticked(quoteCode(view.text))}, an ${arrays}`
        : arrays;
    return { kind: "array", shown };
  }
  // The file-local judgement covers typed arrays (and `map` over them is another matter).
  if (view.members.some((m) => m.kind === "object" && TYPED_ARRAYS.has(m.origins[0]?.name ?? "")))
    return undefined;
  return { kind: "other" };
}

/** The factors and proofs receiverAndCallbackReasons may raise: each array rewrite lists them. */
export const RECEIVER_AND_CALLBACK_FACTORS = [
  "receiver-not-provably-array",
  "receiver-is-array",
  "callback-side-effects",
  "callback-by-reference",
  "callback-is-pure",
  "callback-may-throw",
] as const;

/**
 * Risk reasons about the receiver and the callback, shared by every array rewrite. Typed proofs
 * take the place of the factors they settle: the receiver's array type, a callback's body read
 * in another file.
 */
export function receiverAndCallbackReasons(
  ctx: TransformContext,
  receiver: Node,
  callbacks: readonly Node[],
): RiskReason[] {
  const reasons: RiskReason[] = [];
  if (!isProvablyArray(ctx, receiver)) {
    const typed = typedReceiver(ctx, receiver);
    const code = backticked(quoteCode(ctx.text(receiver)));
    reasons.push(
      typed?.kind === "array"
        ? {
            id: CommonRisk["receiver-is-array"],
            detail: `${code} is ${typed.shown}`,
          }
        : { id: CommonRisk["receiver-not-provably-array"], detail: quoteCode(ctx.text(receiver)) },
    );
  }
  for (const callback of callbacks) reasons.push(...callbackReasons(ctx, callback));
  return reasons;
}

function callbackReasons(ctx: TransformContext, callback: Node): RiskReason[] {
  const info = analyzeCallback(ctx, callback);
  const code = backticked(quoteCode(ctx.text(callback)));
  // `isValid` of src/rules.ts: where the body that was read is.
  const where = info.kind === "foreign" ? ` in ${code} of ${info.file}` : "";
  const reasons: RiskReason[] = [];
  if (info.kind === "reference") {
    reasons.push({
      id: CommonRisk["callback-by-reference"],
      detail: quoteCode(ctx.text(callback)),
    });
  } else if (info.sideEffects.length > 0) {
    reasons.push({
      id: CommonRisk["callback-side-effects"],
      detail: info.sideEffects.join(", ") + where,
    });
  } else if (info.kind === "foreign") {
    reasons.push({
      id: CommonRisk["callback-is-pure"],
      detail: `the callback ${code} of ${info.file} was read`,
    });
  } else if (info.read.length > 0) {
    // `(x) => isValid(x)`: the file alone saw a call to an unknown function.
    reasons.push({
      id: CommonRisk["callback-is-pure"],
      detail: `${info.read.join(", ")}, which the callback calls, ${info.read.length > 1 ? "were" : "was"} read`,
    });
  }
  if (info.throws.length > 0)
    reasons.push({ id: CommonRisk["callback-may-throw"], detail: info.throws.join(", ") + where });
  return reasons;
}
