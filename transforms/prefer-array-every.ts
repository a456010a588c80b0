import type * as t from "@babel/types";
import type { TransformContext } from "../src/core/context.js";
import { defineTransform } from "../src/core/define.js";
import { toJscodeshift } from "../src/adapters/jscodeshift.js";
import type { LocalBinding } from "../src/core/local-binding.js";
import { COMMON_RISK_FACTORS, selectRiskFactors } from "../src/core/risk.js";
import type { BaseMatch, Piece } from "../src/core/types.js";
import { removeRange, renamedCall, replaceNode, statementRemovalRange } from "../src/fix/index.js";
import {
  arrayCallbackCall,
  classifyArrayUse,
  isSameReference,
  receiverAndCallbackReasons,
  ifReceiverCouldBeArray,
  type ArrayCallbackCall,
  type ArrayUse,
  RECEIVER_AND_CALLBACK_FACTORS,
} from "./shared/array-uses.js";

type EveryUse = Extract<ArrayUse, { kind: "every" }>;

type EveryMatch = BaseMatch & { filter: ArrayCallbackCall; use: EveryUse; binding?: LocalBinding };

function matchFilter(node: t.Node, ctx: TransformContext): EveryMatch | undefined {
  const filter = arrayCallbackCall(node, "filter");
  if (!filter || filter.optional) return undefined;
  return ifReceiverCouldBeArray(ctx, filter.receiver, matchUse(node, ctx, filter));
}

function matchUse(
  node: t.Node,
  ctx: TransformContext,
  filter: ArrayCallbackCall,
): EveryMatch | undefined {
  const use = classifyArrayUse(ctx, node);
  if (use?.kind === "every") {
    return isSameReference(use.comparedTo, filter.receiver)
      ? { node: use.target, messageId: "compared", filter, use }
      : undefined;
  }
  // `const done = tasks.filter(isDone); if (done.length === tasks.length)` — only when the test
  // is the very next statement: the receiver's length is read at the use.
  if (use?.kind === "bound" && use.binding.canMoveToUse) {
    const only = classifyArrayUse(ctx, use.binding.uses[0]!);
    if (only?.kind === "every" && isSameReference(only.comparedTo, filter.receiver)) {
      return {
        node: use.binding.declarator,
        messageId: "binding",
        data: { name: use.binding.name },
        filter,
        use: only,
        binding: use.binding,
      };
    }
  }
  return undefined;
}

export const transform = defineTransform<EveryMatch>({
  id: "prefer-array-every",
  title: "`xs.filter(p).length === xs.length` → `xs.every(p)`",
  category: "array",
  rewrites: [
    "`xs.filter(p).length === xs.length` (either side, `==` too) → `xs.every(p)`",
    "`xs.filter(p).length !== xs.length` → `!xs.every(p)`",
    "`const r = xs.filter(p); if (r.length === xs.length)` → `if (xs.every(p))` (next statement only)",
  ],
  refuses: [
    "a receiver with calls in it (`getItems().filter(p).length === getItems().length`): the two sides may differ.",
    "two different receivers, or an optional chain.",
    "a receiver the project's types show is not an array (a class or interface of its own with a `filter`, an Immutable.js-like list, a NodeList): no change at all.",
    "a variable compared later than the very next statement: the receiver's length may have changed.",
  ],
  triggers: [".filter("],
  riskFactors: {
    ...selectRiskFactors(COMMON_RISK_FACTORS, [
      ...RECEIVER_AND_CALLBACK_FACTORS,
      "comments-in-range",
    ]),
  },
  origin: "Array.prototype.every: stops at the first element that fails the predicate",
  messages: {
    compared:
      "`.filter(…).length === ….length` builds a whole array only to learn whether every element matches",
    binding: "`{{name}}` holds a filtered array only compared with the length of the whole",
  },
  match: { CallExpression: matchFilter },
  assess(match, ctx) {
    return receiverAndCallbackReasons(ctx, match.filter.receiver, [match.filter.callback]);
  },
  fix(match, ctx) {
    const { call, callee } = match.filter;
    const lazy: Piece[] = renamedCall(call, callee.property, "every");
    const test = match.use.negated ? ["!", ...lazy] : lazy;
    if (!match.binding) return [replaceNode(match.use.target, test)];
    const removal = statementRemovalRange(ctx, match.binding.declaration);
    return [removeRange(removal.from, removal.to), replaceNode(match.use.target, test)];
  },
});

export default toJscodeshift(transform);
