import type * as t from "@babel/types";
import { outermostWrapper } from "../src/ast/context-predicates.js";
import {
  isCallLike,
  isFunctionNode,
  isIdentifier,
  isLiteral,
  isMemberLike,
  isNumberLiteral,
  isStableReference,
  methodCallee,
  skipTypeWrappers,
} from "../src/ast/predicates.js";
import { walk } from "../src/ast/walk.js";
import { end, start, type TransformContext } from "../src/core/context.js";
import { defineTransform } from "../src/core/define.js";
import { analyzeCallback } from "../src/core/effects.js";
import { toJscodeshift } from "../src/adapters/jscodeshift.js";
import { localBindingOf, type LocalBinding } from "../src/core/local-binding.js";
import { backticked, quoteCode } from "../src/core/quote.js";
import { mayBeNumber, nonNumberType } from "../src/core/receiver.js";
import { COMMON_RISK_FACTORS, CommonRisk, selectRiskFactors } from "../src/core/risk.js";
import { findBinding, freshName } from "../src/core/scope.js";
import type { BaseMatch, Node, Piece, RiskReason } from "../src/core/types.js";
import {
  arrowHead,
  bindsTighterThan,
  removeRange,
  replaceNode,
  slice,
  sliceRange,
  statementRemovalRange,
} from "../src/fix/index.js";
import {
  arrayCallbackCall,
  receiverAndCallbackReasons,
  ifReceiverCouldBeArray,
  type ArrayCallbackCall,
  RECEIVER_AND_CALLBACK_FACTORS,
} from "./shared/array-uses.js";

/** What is asked of the mapped array. */
type Question =
  | { kind: "includes"; value: Node; target: Node; negated: boolean; sameValueZero: boolean }
  | { kind: "some" | "every"; predicate: t.ArrowFunctionExpression; target: Node };

type MapMatch = BaseMatch & { map: ArrayCallbackCall; question: Question; binding?: LocalBinding };

/** `(u) => u.id`: one plain parameter, an expression body, not async. */
function isSimpleArrow(
  node: Node,
): node is t.ArrowFunctionExpression & { body: t.Expression; params: [t.Identifier] } {
  return (
    node.type === "ArrowFunctionExpression" &&
    !node.async &&
    node.body.type !== "BlockStatement" &&
    node.params.length === 1 &&
    node.params[0]!.type === "Identifier"
  );
}

/** Binds at least as tightly as `===` and needs no parentheses as its operand. */
function isPrimary(node: Node): boolean {
  if ((node as { extra?: { parenthesized?: boolean } }).extra?.parenthesized) return false;
  return (
    isLiteral(node) ||
    node.type === "TemplateLiteral" ||
    node.type === "Identifier" ||
    node.type === "ThisExpression" ||
    isMemberLike(node) ||
    isCallLike(node)
  );
}

function operand(node: Node): Piece[] {
  return isPrimary(node) ? [slice(node)] : ["(", slice(node), ")"];
}

/** The left operand of `=== v`: parenthesised only when it binds no tighter (`(a ?? b) === v`). */
function equalityOperand(node: Node): Piece[] {
  return bindsTighterThan(node, "===") ? [slice(node)] : ["(", slice(node), ")"];
}

/** Identifiers named `name` in reference positions (not property keys) inside a node. */
function referencesTo(
  root: Node,
  name: string,
  parentOf: (n: Node) => Node | undefined,
): t.Identifier[] {
  const found: t.Identifier[] = [];
  walk(root, (node) => {
    if (node.type !== "Identifier" || node.name !== name) return;
    const parent = parentOf(node);
    if (isMemberLike(parent) && parent.property === node && !parent.computed) return;
    if (
      parent?.type === "ObjectProperty" &&
      parent.key === node &&
      !parent.computed &&
      !parent.shorthand
    )
      return;
    found.push(node);
  });
  return found;
}

/** `m.indexOf(v) !== -1` → not negated; `m.indexOf(v) === -1` → negated. */
function indexOfTest(
  ctx: TransformContext,
  call: Node,
): { target: Node; negated: boolean } | undefined {
  const self = outermostWrapper(ctx, call);
  const compare = ctx.parentOf(self);
  if (compare?.type !== "BinaryExpression") return undefined;
  const onLeft = compare.left === self;
  const other = onLeft ? compare.right : compare.left;
  const op = onLeft
    ? compare.operator
    : ({ "<": ">", ">": "<", "<=": ">=", ">=": "<=" }[compare.operator as string] ??
      compare.operator);
  if (isNumberLiteral(other, -1)) {
    if (["!==", "!=", ">"].includes(op)) return { target: compare, negated: false };
    if (["===", "=="].includes(op)) return { target: compare, negated: true };
  }
  if (isNumberLiteral(other, 0)) {
    if (op === ">=") return { target: compare, negated: false };
    if (op === "<") return { target: compare, negated: true };
  }
  return undefined;
}

function question(ctx: TransformContext, call: t.CallExpression): Question | undefined {
  const callee = methodCallee(call, ["includes", "indexOf", "some", "every"]);
  if (!callee || call.arguments.length !== 1 || call.arguments[0]!.type === "SpreadElement")
    return undefined;
  const arg = call.arguments[0]!;
  const method = callee.property.name;
  if (method === "some" || method === "every") {
    return isSimpleArrow(arg) ? { kind: method, predicate: arg, target: call } : undefined;
  }
  // The value is now compared once per element: it must be cheap and stable to re-read.
  if (!isLiteral(arg) && !isStableReference(arg)) return undefined;
  // `.includes(NaN)` finds NaN (SameValueZero) where `=== NaN` never does: no rewrite is right.
  if (method === "includes" && isNaNConstant(ctx, arg)) return undefined;
  if (method === "includes")
    return { kind: "includes", value: arg, target: call, negated: false, sameValueZero: true };
  const test = indexOfTest(ctx, call);
  return (
    test && {
      kind: "includes",
      value: arg,
      target: test.target,
      negated: test.negated,
      sameValueZero: false,
    }
  );
}

/** `includes` and `some`/`every` by name; `.indexOf(v) !== -1` is the includes question asked by index. */
function messageIdOf(asked: Question): string {
  return asked.kind === "includes" && !asked.sameValueZero ? "indexOf" : asked.kind;
}

/** `NaN` or `Number.NaN`, not shadowed by a declaration in this file. */
function isNaNConstant(ctx: TransformContext, node: Node): boolean {
  const value = skipTypeWrappers(node);
  if (isIdentifier(value, "NaN")) return !findBinding(ctx, value);
  return (
    isMemberLike(value) &&
    !value.computed &&
    isIdentifier(value.object, "Number") &&
    isIdentifier(value.property, "NaN") &&
    !findBinding(ctx, value.object)
  );
}

function matchQuestion(node: t.Node, ctx: TransformContext): MapMatch | undefined {
  if (
    node.type !== "CallExpression" ||
    !isMemberLike(node.callee) ||
    node.callee.type !== "MemberExpression"
  )
    return undefined;
  const asked = question(ctx, node);
  if (!asked) return undefined;
  const receiver = skipTypeWrappers(node.callee.object);
  // `const ids = users.map((u) => u.id); if (ids.includes(id))` — next statement only, since
  // the question's value is read at the use.
  const init = isIdentifier(receiver) ? findDeclaratorOf(ctx, receiver)?.init : undefined;
  if (isIdentifier(receiver) && !init) return undefined;
  const map = arrayCallbackCall(init ? skipTypeWrappers(init) : receiver, "map");
  if (!map || map.optional || map.call.arguments.length !== 1) return undefined;
  let binding: LocalBinding | undefined;
  if (init) {
    // After the initialiser's shape: collecting a binding's uses walks its whole scope.
    binding = localBindingOf(ctx, init);
    if (!binding?.canMoveToUse || binding.uses[0] !== receiver) return undefined;
  }
  if (!callbackPieces(ctx, map, asked)) return undefined;
  return ifReceiverCouldBeArray(
    ctx,
    map.receiver,
    binding
      ? {
          node: binding.declarator,
          messageId: "binding",
          data: { name: binding.name },
          map,
          question: asked,
          binding,
        }
      : { node: asked.target, messageId: messageIdOf(asked), map, question: asked },
  );
}

function findDeclaratorOf(
  ctx: TransformContext,
  id: t.Identifier,
): t.VariableDeclarator | undefined {
  const binding = findBinding(ctx, id);
  return binding?.declarator?.id === binding?.id ? binding?.declarator : undefined;
}

/**
 * The new callback, or undefined when it cannot be written safely:
 * - `.includes(v)`: `(u) => <map body> === v`;
 * - `.some(g)`/`.every(g)`: g's body with its parameter replaced by the map body.
 */
function callbackPieces(
  ctx: TransformContext,
  map: ArrayCallbackCall,
  asked: Question,
): Piece[] | undefined {
  const mapper = skipTypeWrappers(map.callback);
  if (asked.kind === "includes") {
    if (isSimpleArrow(mapper)) {
      const param = mapper.params[0];
      if (referencesTo(asked.value, param.name, (n) => ctx.parentOf(n)).length > 0)
        return undefined;
      return [
        ...arrowHead(ctx, [param]),
        ...equalityOperand(mapper.body),
        " === ",
        slice(asked.value),
      ];
    }
    if (!isIdentifier(mapper) && !isMemberLike(mapper)) return undefined;
    // By reference: pass what `.map` would pass, so `xs.map(parseInt)` keeps its meaning.
    const info = analyzeCallback(ctx, mapper);
    const arity = info.fn ? info.fn.params.length : 3;
    const names = ["value", "index", "array"].slice(0, Math.max(1, Math.min(arity, 3)));
    const taken = new Set<string>();
    const fresh = names.map((n) => {
      const name = freshName(ctx, n, taken);
      taken.add(name);
      return name;
    });
    if (fresh.some((n) => referencesTo(asked.value, n, (x) => ctx.parentOf(x)).length > 0))
      return undefined;
    const list = fresh.join(", ");
    return [...arrowHead(ctx, fresh), slice(mapper), `(${list}) === `, slice(asked.value)];
  }
  // `.some((a) => a > 18)` over `.map((u) => u.age)` → `.some((u) => u.age > 18)`
  if (!isSimpleArrow(mapper)) return undefined;
  const predicate = asked.predicate as t.ArrowFunctionExpression & {
    body: t.Expression;
    params: [t.Identifier];
  };
  const mapParam = mapper.params[0];
  const predicateParam = predicate.params[0];
  const body = predicate.body;
  let hasFunction = false;
  walk(body, (node) => {
    if (isFunctionNode(node)) hasFunction = true;
  });
  if (hasFunction) return undefined;
  const uses = referencesTo(body, predicateParam.name, (n) => ctx.parentOf(n));
  if (uses.length !== 1) return undefined;
  const use = uses[0]!;
  const useParent = ctx.parentOf(use);
  if (useParent?.type === "ObjectProperty" && useParent.shorthand) return undefined;
  if (
    predicateParam.name !== mapParam.name &&
    referencesTo(body, mapParam.name, (n) => ctx.parentOf(n)).length > 0
  ) {
    return undefined;
  }
  const parenthesizedBody = !!(body as { extra?: { parenthesized?: boolean } }).extra
    ?.parenthesized;
  return [
    ...arrowHead(ctx, [mapParam]),
    parenthesizedBody ? "(" : "",
    sliceRange(start(body), start(use)),
    ...operand(mapper.body),
    sliceRange(end(use), end(body)),
    parenthesizedBody ? ")" : "",
  ];
}

/**
 * `includes` (SameValueZero) and `===` differ only when both sides are `NaN`: nothing to say when
 * the value or the mapped element is provably no number (this file's types, then the program's).
 */
function nanReasons(ctx: TransformContext, map: ArrayCallbackCall, value: Node): RiskReason[] {
  const mapper = skipTypeWrappers(map.callback);
  const mapped = isSimpleArrow(mapper) ? mapper.body : undefined;
  const sides = mapped ? [value, mapped] : [value];
  if (sides.some((side) => !mayBeNumber(ctx, side))) return [];
  for (const side of sides) {
    const typed = nonNumberType(ctx, side);
    if (typed)
      return [
        {
          id: CommonRisk["value-not-nan"],
          detail: `${backticked(quoteCode(ctx.text(side)))} is ${backticked(quoteCode(typed))}`,
        },
      ];
  }
  return [{ id: CommonRisk["nan-semantics"], detail: quoteCode(ctx.text(value)) }];
}

export const transform = defineTransform<MapMatch>({
  id: "prefer-some-over-map",
  title:
    "`xs.map(f).includes(v)` → `xs.some((x) => f(x) === v)`; `.map(f).some(g)`/`.every(g)` fused",
  category: "array",
  rewrites: [
    "`xs.map((u) => u.id).includes(id)` → `xs.some((u) => u.id === id)`",
    "`xs.map((u) => u.id).indexOf(id) !== -1` (also `> -1`, `>= 0`) → `xs.some((u) => u.id === id)`; `=== -1`, `< 0` → `!xs.some(…)`",
    "`xs.map((u) => u.age).some((a) => a > 18)` → `xs.some((u) => u.age > 18)` (same for `.every`)",
    "`xs.map(toId).includes(id)` → `xs.some((value, index, array) => toId(value, index, array) === id)` (fewer parameters when `toId` is a local function)",
    "`const ids = xs.map(f); if (ids.includes(id))` → `if (xs.some(…))` when the test is the very next statement",
  ],
  refuses: [
    "a value that is not a literal or a plain reference (`.includes(getId())` would be called once per element).",
    "a receiver the project's types show is not an array (a class or interface of its own with a `filter`, an Immutable.js-like list, a NodeList): no change at all.",
    "`.includes(NaN)`: `.includes` finds `NaN`, `=== NaN` never does.",
    "`.includes(v, fromIndex)`, a `thisArg` to `.map`, async or block-bodied mapping functions, several parameters.",
    "a predicate that uses its parameter more than once or inside a nested function (the mapping would run more often).",
    "a value or predicate that mentions the mapping function's parameter name (it would be captured).",
    "a variable holding the mapped array that is used later than the very next statement or more than once.",
  ],
  triggers: [
    [".map(", ".includes("],
    [".map(", ".indexOf("],
    [".map(", ".some("],
    [".map(", ".every("],
  ],
  riskFactors: {
    ...selectRiskFactors(COMMON_RISK_FACTORS, [
      ...RECEIVER_AND_CALLBACK_FACTORS,
      "nan-semantics",
      "value-not-nan",
      "comments-in-range",
    ]),
  },
  origin: "Array.prototype.some: one pass that stops at the first hit, no intermediate array",
  messages: {
    includes:
      "`.map(…).includes(…)` maps every element into a new array only to look for one value",
    indexOf:
      "`.map(…).indexOf(…)` tested against -1 maps every element into a new array only to look for one value",
    some: "`.map(…).some(…)` maps every element into a new array before testing them",
    every: "`.map(…).every(…)` maps every element into a new array before testing them",
    binding: "`{{name}}` holds a mapped array that is only searched once",
  },
  match: { CallExpression: matchQuestion },
  assess(match, ctx) {
    const callbacks: Node[] = [match.map.callback];
    if (match.question.kind !== "includes") callbacks.push(match.question.predicate);
    const reasons: RiskReason[] = receiverAndCallbackReasons(ctx, match.map.receiver, callbacks);
    const asked = match.question;
    if (asked.kind === "includes" && asked.sameValueZero && !isLiteral(asked.value))
      reasons.push(...nanReasons(ctx, match.map, asked.value));
    return reasons;
  },
  fix(match, ctx) {
    const { call, callee } = match.map;
    const callback = callbackPieces(ctx, match.map, match.question)!;
    const method = match.question.kind === "every" ? "every" : "some";
    const negated = match.question.kind === "includes" && match.question.negated;
    const lazy: Piece[] = [
      negated ? "!" : "",
      sliceRange(start(call), start(callee.property)),
      `${method}(`,
      ...callback,
      ")",
    ];
    if (!match.binding) return [replaceNode(match.question.target, lazy)];
    const removal = statementRemovalRange(ctx, match.binding.declaration);
    return [removeRange(removal.from, removal.to), replaceNode(match.question.target, lazy)];
  },
});

export default toJscodeshift(transform);
