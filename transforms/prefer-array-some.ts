import type * as t from "@babel/types";
import type { TransformContext } from "../src/core/context.js";
import { defineTransform } from "../src/core/define.js";
import { toJscodeshift } from "../src/adapters/jscodeshift.js";
import type { LocalBinding } from "../src/core/local-binding.js";
import { quoteCode } from "../src/core/quote.js";
import { COMMON_RISK_FACTORS, CommonRisk, selectRiskFactors } from "../src/core/risk.js";
import { freshName } from "../src/core/scope.js";
import type { BaseMatch, Piece, Rewrite } from "../src/core/types.js";
import {
  fitsInPlaceOf,
  isLooseExpressionSlot,
  removeRange,
  renamedCall,
  replaceNode,
  statementRemovalRange,
} from "../src/fix/index.js";
import {
  arrayCallbackCall,
  classifyArrayUse,
  receiverAndCallbackReasons,
  ifReceiverCouldBeArray,
  type ArrayCallbackCall,
  type ArrayUse,
  RECEIVER_AND_CALLBACK_FACTORS,
} from "./shared/array-uses.js";
import { existenceName } from "./shared/naming.js";

type ExistsUse = Extract<ArrayUse, { kind: "exists" }>;

type SomeMatch = BaseMatch & { filter: ArrayCallbackCall } & (
    | { mode: "inline"; use: ExistsUse }
    | { mode: "binding"; binding: LocalBinding; uses: ExistsUse[] }
  );

function matchFilter(node: t.Node, ctx: TransformContext): SomeMatch | undefined {
  const filter = arrayCallbackCall(node, "filter");
  if (!filter) return undefined;
  return ifReceiverCouldBeArray(ctx, filter.receiver, matchUse(node, ctx, filter));
}

function matchUse(
  node: t.Node,
  ctx: TransformContext,
  filter: ArrayCallbackCall,
): SomeMatch | undefined {
  const use = classifyArrayUse(ctx, node);
  if (use?.kind === "exists") {
    const messageId = use.target.type === "BinaryExpression" ? "compared" : "condition";
    return { node: use.target, messageId, filter, mode: "inline", use };
  }
  // `const admins = users.filter(isAdmin); … if (admins.length > 0)`
  if (use?.kind === "bound" && !filter.optional) {
    const uses = use.binding.uses.map((ref) => classifyArrayUse(ctx, ref));
    if (uses.every((u): u is ExistsUse => u?.kind === "exists")) {
      return {
        node: use.binding.declarator,
        messageId: "binding",
        data: { name: use.binding.name },
        filter,
        mode: "binding",
        binding: use.binding,
        uses,
      };
    }
  }
  return undefined;
}

/** The existence test that replaces one use: `xs.some(p)`, `!xs.some(p)` or `xs?.some(p) === false`. */
function existenceTest(
  ctx: TransformContext,
  use: ExistsUse,
  lazy: Piece[],
  optional: boolean,
): Piece[] {
  if (use.nonEmpty) return lazy;
  if (!optional) return ["!", ...lazy];
  // `!xs?.some(p)` would be true for a nullish `xs`, where `xs?.filter(p).length === 0` was false.
  const pieces = [...lazy, " === false"];
  return isLooseExpressionSlot(ctx, use.target) ? pieces : ["(", ...pieces, ")"];
}

export const transform = defineTransform<SomeMatch>({
  id: "prefer-array-some",
  title: "`.filter(p).length > 0` and friends → `.some(p)`",
  category: "array",
  rewrites: [
    "`xs.filter(p).length > 0` (also `!== 0`, `!= 0`, `>= 1`, `0 <`) → `xs.some(p)`",
    "`xs.filter(p).length === 0` (also `== 0`, `< 1`, `<= 0`) → `!xs.some(p)`",
    "`if (xs.filter(p).length)`, `!xs.filter(p).length`, `!!…`, `Boolean(…)`, ternary tests, `&&`/`||` conditions → `xs.some(p)`",
    "`const r = xs.filter(p); if (r.length > 0) …` → `if (xs.some(p)) …` (or `const hasR = xs.some(p)` when used later or more than once)",
  ],
  refuses: [
    "`.length` used as a number (`> 1`, arithmetic, returned): the count is needed.",
    "a receiver that is provably not an array (string, Set, Map, object literal, jQuery `$x`, DOM lists, an interface or class declared in the file).",
    "a receiver the project's types show is not an array (a class or interface of its own with a `filter`, an Immutable.js-like list, a NodeList): no change at all.",
    "a first argument that cannot be a function (jQuery's `$x.filter('.active')`).",
    "a variable holding the filtered array that is used any other way (iterated, passed on, indexed).",
    "a comment inside the code that would be removed: reported, not rewritten.",
  ],
  triggers: [".filter("],
  riskFactors: {
    ...selectRiskFactors(COMMON_RISK_FACTORS, [
      ...RECEIVER_AND_CALLBACK_FACTORS,
      "optional-chain-value",
      "comments-in-range",
    ]),
  },
  origin:
    "eslint-plugin-unicorn `prefer-array-some`; Django's `QuerySet.exists()` advice (test for existence without loading every row)",
  messages: {
    compared:
      "`.filter(…).length` compared with 0 builds a whole array only to learn whether it is empty",
    condition:
      "`.filter(…).length` used as a condition builds a whole array only to learn whether it is empty",
    binding: "`{{name}}` holds a filtered array that is only tested for emptiness",
  },
  match: { CallExpression: matchFilter, OptionalCallExpression: matchFilter },
  assess(match, ctx) {
    const reasons = receiverAndCallbackReasons(ctx, match.filter.receiver, [match.filter.callback]);
    if (
      match.mode === "inline" &&
      match.filter.optional &&
      match.use.nonEmpty &&
      !match.use.booleanContext
    ) {
      reasons.push({
        id: CommonRisk["optional-chain-value"],
        detail: quoteCode(ctx.text(match.filter.receiver)),
      });
    }
    return reasons;
  },
  fix(match, ctx) {
    const { call, callee, optional } = match.filter;
    const lazy = renamedCall(call, callee.property, "some");
    if (match.mode === "inline")
      return [replaceNode(match.use.target, existenceTest(ctx, match.use, lazy, optional))];
    const { binding, uses } = match;
    const moved = existenceTest(ctx, uses[0]!, lazy, false);
    if (binding.canMoveToUse && fitsInPlaceOf(ctx, uses[0]!.target, moved)) {
      const removal = statementRemovalRange(ctx, binding.declaration);
      return [removeRange(removal.from, removal.to), replaceNode(uses[0]!.target, moved)];
    }
    // Keep the variable where it is (the array was built there), holding the answer instead.
    const name = freshName(ctx, existenceName(binding.name));
    const rewrites: Rewrite[] = [
      replaceNode(binding.declarator.id, [name]),
      replaceNode(binding.declarator.init!, lazy),
    ];
    for (const use of uses)
      rewrites.push(replaceNode(use.target, existenceTest(ctx, use, [name], false)));
    return rewrites;
  },
});

export default toJscodeshift(transform);
