import type * as t from "@babel/types";
import type { TransformContext } from "../src/core/context.js";
import { defineTransform } from "../src/core/define.js";
import { toJscodeshift } from "../src/core/jscodeshift.js";
import type { LocalBinding } from "../src/core/local-binding.js";
import { quoteCode } from "../src/core/quote.js";
import { CommonRisk } from "../src/core/risk.js";
import { freshName } from "../src/core/scope.js";
import type { BaseMatch, Node, RiskReason, Rewrite } from "../src/core/types.js";
import { isLiteral, isMemberLike, isCallLike, isIdentifier } from "../src/ast/predicates.js";
import {
  fitsInPlaceOf,
  removeRange,
  renamedCall,
  replaceNode,
  slice,
  statementRemovalRange,
} from "../src/fix/index.js";
import {
  arrayCallbackCall,
  classifyArrayUse,
  receiverAndCallbackReasons,
  receiverCouldBeArray,
  toleratesUndefined,
  type ArrayCallbackCall,
  type ArrayUse,
} from "./shared/array-uses.js";
import { firstElementName, lastElementName } from "./shared/naming.js";

type ElementUse = Extract<ArrayUse, { kind: "first" | "last" }>;
type DestructureUse = Extract<ArrayUse, { kind: "destructure" }>;

type FindMatch = BaseMatch & { filter: ArrayCallbackCall; last: boolean } & (
    | { mode: "inline"; use: ElementUse }
    | { mode: "destructure"; use: DestructureUse }
    | { mode: "binding"; binding: LocalBinding; uses: ElementUse[] }
  );

/** `findLast` is ES2023. */
function allowsLast(ctx: TransformContext): boolean {
  return ctx.target !== "es2022";
}

function matchFilter(node: t.Node, ctx: TransformContext): FindMatch | undefined {
  const filter = arrayCallbackCall(node, "filter");
  if (!filter || !receiverCouldBeArray(ctx, filter.receiver)) return undefined;
  const use = classifyArrayUse(ctx, node);
  if (!use) return undefined;
  if (use.kind === "first" || use.kind === "last") {
    if (use.kind === "last" && !allowsLast(ctx)) return undefined;
    return {
      node: use.target,
      messageId: use.kind,
      filter,
      last: use.kind === "last",
      mode: "inline",
      use,
    };
  }
  if (use.kind === "destructure" && !filter.optional && use.declarator.init === node) {
    return {
      node: use.declarator,
      messageId: "destructure",
      filter,
      last: false,
      mode: "destructure",
      use,
    };
  }
  // `const admins = users.filter(isAdmin); … return admins[0];`
  if (use.kind === "bound" && !filter.optional) {
    const uses = use.binding.uses.map((ref) => classifyArrayUse(ctx, ref));
    const kind = uses[0]?.kind;
    if (
      (kind === "first" || kind === "last") &&
      uses.every((u): u is ElementUse => u?.kind === kind)
    ) {
      if (kind === "last" && !allowsLast(ctx)) return undefined;
      return {
        node: use.binding.declarator,
        messageId: "binding",
        data: { name: use.binding.name, element: kind },
        filter,
        last: kind === "last",
        mode: "binding",
        binding: use.binding,
        uses,
      };
    }
  }
  return undefined;
}

/** A default value that can follow `??` without parentheses. */
function isPrimary(node: Node): boolean {
  return (
    isLiteral(node) ||
    isIdentifier(node) ||
    isMemberLike(node) ||
    isCallLike(node) ||
    node.type === "ThisExpression"
  );
}

export const transform = defineTransform<FindMatch>({
  id: "prefer-array-find",
  title: "`.filter(p)[0]` and friends → `.find(p)` (`.findLast(p)` for es2023+)",
  category: "array",
  rewrites: [
    "`xs.filter(p)[0]`, `xs.filter(p).at(0)`, `xs.filter(p).shift()` → `xs.find(p)`",
    "`const [x] = xs.filter(p)` → `const x = xs.find(p)`; `const [x = d] = …` → `const x = xs.find(p) ?? d`",
    "`xs.filter(p).at(-1)`, `xs.filter(p).pop()` → `xs.findLast(p)` (only with `--target es2023` or later)",
    "`const r = xs.filter(p); … r[0]` → `const firstR = xs.find(p); … firstR`",
  ],
  refuses: [
    "`[1]`, `.at(1)` or any other index: only the first (or last) element has a lazy equivalent.",
    "an element that is assigned, updated, deleted or called as a method (`xs.filter(p)[0]()` changes `this`).",
    "`.at(-1)`/`.pop()` when the target is es2022 (no `findLast`).",
    "`const [x]: T[] = …` (an annotated pattern) and patterns with more than one element or a rest element.",
    "a variable holding the filtered array that is used any other way, or for both the first and last element.",
  ],
  triggers: [".filter("],
  riskFactors: [
    CommonRisk["receiver-not-provably-array"],
    CommonRisk["callback-side-effects"],
    CommonRisk["callback-by-reference"],
    CommonRisk["result-type-widens"],
    CommonRisk["destructuring-default"],
    CommonRisk["comments-in-range"],
  ],
  origin: "eslint-plugin-unicorn `prefer-array-find`; Django's `QuerySet.first()`",
  messages: {
    first: "`.filter(…)[0]` builds a whole array only to take its first element",
    last: "`.filter(…)` then its last element builds a whole array only to take one element",
    destructure: "`const [x] = ….filter(…)` builds a whole array only to take its first element",
    binding: "`{{name}}` holds a filtered array that is only used for its {{element}} element",
  },
  match: { CallExpression: matchFilter, OptionalCallExpression: matchFilter },
  assess(match, ctx) {
    const reasons: RiskReason[] = receiverAndCallbackReasons(ctx, match.filter.receiver, [
      match.filter.callback,
    ]);
    if (match.mode === "destructure") {
      const { element, declarator } = match.use;
      if (element.type === "AssignmentPattern") {
        reasons.push({
          id: CommonRisk["destructuring-default"],
          detail: quoteCode(ctx.text(declarator.id)),
        });
      } else if (ctx.isTypeScript) {
        reasons.push({
          id: CommonRisk["result-type-widens"],
          detail: quoteCode(ctx.text(declarator.id)),
        });
      }
    } else if (ctx.isTypeScript) {
      const targets =
        match.mode === "inline" ? [match.use.target] : match.uses.map((u) => u.target);
      const widened = targets.find((target) => !toleratesUndefined(ctx, target));
      if (widened)
        reasons.push({
          id: CommonRisk["result-type-widens"],
          detail: quoteCode(ctx.text(widened)),
        });
    }
    return reasons;
  },
  fix(match, ctx) {
    const { call, callee } = match.filter;
    const lazy = renamedCall(call, callee.property, match.last ? "findLast" : "find");
    if (match.mode === "inline") return [replaceNode(match.use.target, lazy)];
    if (match.mode === "destructure") {
      const element = match.use.element;
      if (element.type !== "AssignmentPattern") {
        return [replaceNode(match.use.declarator.id, [slice(element)]), replaceNode(call, lazy)];
      }
      const fallback = isPrimary(element.right)
        ? [slice(element.right)]
        : ["(", slice(element.right), ")"];
      return [
        replaceNode(match.use.declarator.id, [slice(element.left)]),
        replaceNode(call, [...lazy, " ?? ", ...fallback]),
      ];
    }
    const { binding, uses } = match;
    if (binding.canMoveToUse && fitsInPlaceOf(ctx, uses[0]!.target, lazy)) {
      const removal = statementRemovalRange(ctx, binding.declaration);
      return [removeRange(removal.from, removal.to), replaceNode(uses[0]!.target, lazy)];
    }
    const name = freshName(
      ctx,
      match.last ? lastElementName(binding.name) : firstElementName(binding.name),
    );
    const rewrites: Rewrite[] = [
      replaceNode(binding.declarator.id, [name]),
      replaceNode(binding.declarator.init!, lazy),
    ];
    for (const use of uses) rewrites.push(replaceNode(use.target, [name]));
    return rewrites;
  },
});

export default toJscodeshift(transform);
