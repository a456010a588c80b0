import type * as t from "@babel/types";
import { end, start, type TransformContext } from "../src/core/context.js";
import { defineTransform } from "../src/core/define.js";
import { toJscodeshift } from "../src/adapters/jscodeshift.js";
import type { LocalBinding } from "../src/core/local-binding.js";
import { quoteCode } from "../src/core/quote.js";
import { COMMON_RISK_FACTORS, CommonRisk, selectRiskFactors } from "../src/core/risk.js";
import { freshName } from "../src/core/scope.js";
import { presenceTests, type PresenceAtom } from "../src/core/nullability.js";
import type { BaseMatch, Node, Piece, RiskReason, Rewrite } from "../src/core/types.js";
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
  ifReceiverCouldBeArray,
  type ArrayCallbackCall,
  type ArrayUse,
  RECEIVER_AND_CALLBACK_FACTORS,
} from "./shared/array-uses.js";
import {
  bindingTolerated,
  indexMayBeUndefined,
  keepingFor,
  keepingReasons,
  keptPieces,
  typedAbsenceFits,
  valueTolerated,
  type Keeping,
} from "./shared/result-type.js";
import { firstElementName, lastElementName } from "./shared/naming.js";

type ElementUse = Extract<ArrayUse, { kind: "first" | "last" }>;
type DestructureUse = Extract<ArrayUse, { kind: "destructure" }>;

/** `fits`: where the project's types showed the use needs no `!` (what they showed, for the proof). */
type FindMatch = BaseMatch & { filter: ArrayCallbackCall; last: boolean; fits?: string } & (
    | { mode: "inline"; use: ElementUse; keeping: Keeping }
    | { mode: "destructure"; use: DestructureUse; keeping: Keeping }
    | { mode: "binding"; binding: LocalBinding; uses: ElementUse[]; keepings: Keeping[] }
  );

/**
 * `find` is ES2015 (not in ES5's library), `findLast` ES2023; with the project's types, in a file
 * the compiler checks, the receiver's type must have the method too (a program whose library
 * lacks it, an explicit target above the tsconfig's). In JavaScript nothing checks, the library
 * has no say: the target decides, and a receiver that is no array is refuted where it is matched.
 */
function allows(ctx: TransformContext, kind: "first" | "last", receiver: Node): boolean {
  const method = kind === "last" ? "findLast" : "find";
  if (!ctx.hasLib(kind === "last" ? "Array#findLast" : "Array#find")) return false;
  if (!ctx.mayBeTypeChecked) return true;
  const view = ctx.types?.typeOf({ start: start(receiver), end: end(receiver) });
  return !view || view.unknown || view.members.every((member) => member.callable(method, 1));
}

/**
 * A keeping the file alone would pay for (`!`, or held back), where the project's types show the
 * absent value fits as it is: then plain `find`, and the proof says why.
 */
function withTypes(
  ctx: TransformContext,
  keeping: Keeping,
  value: Node,
  askSlot = true,
): { keeping: Keeping; fits?: string } {
  if (keeping === "as-is") return { keeping };
  const fits = typedAbsenceFits(ctx, value, "undefined", askSlot);
  return fits ? { keeping: "as-is", fits } : { keeping };
}

/**
 * How the element's type is kept: `xs[0]` is `T` (unless noUncheckedIndexedAccess), while `find`
 * gives `T | undefined`; `.at(0)`, `.shift()`, `.at(-1)` and `.pop()` were `T | undefined` already.
 */
function elementKeeping(ctx: TransformContext, use: ElementUse, atom?: PresenceAtom): Keeping {
  return keepingFor(ctx, {
    absent: "undefined",
    originalMayBeUndefined: !isMemberLike(use.target) || indexMayBeUndefined(ctx),
    tolerated: () => valueTolerated(ctx, use.target, "undefined", atom),
  });
}

/** `const [x] = …`: `x` was `T`; `const [{ id }] = …` needs the element itself; a default keeps it. */
function destructureKeeping(ctx: TransformContext, use: DestructureUse): Keeping {
  const element = use.element;
  if (element.type === "AssignmentPattern") return "as-is";
  return keepingFor(ctx, {
    absent: "undefined",
    originalMayBeUndefined: indexMayBeUndefined(ctx),
    tolerated: () => element.type === "Identifier" && bindingTolerated(ctx, element, "undefined"),
  });
}

function matchFilter(node: t.Node, ctx: TransformContext): FindMatch | undefined {
  const filter = arrayCallbackCall(node, "filter");
  if (!filter) return undefined;
  return ifReceiverCouldBeArray(ctx, filter.receiver, matchUse(node, ctx, filter));
}

function matchUse(
  node: t.Node,
  ctx: TransformContext,
  filter: ArrayCallbackCall,
): FindMatch | undefined {
  const use = classifyArrayUse(ctx, node);
  if (!use) return undefined;
  if (use.kind === "first" || use.kind === "last") {
    if (!allows(ctx, use.kind, filter.receiver)) return undefined;
    return {
      node: use.target,
      messageId: use.kind,
      filter,
      last: use.kind === "last",
      mode: "inline",
      use,
      ...withTypes(ctx, elementKeeping(ctx, use), use.target),
    };
  }
  if (!allows(ctx, "first", filter.receiver)) return undefined;
  if (use.kind === "destructure" && !filter.optional && use.declarator.init === node) {
    return {
      node: use.declarator,
      messageId: "destructure",
      filter,
      last: false,
      mode: "destructure",
      use,
      ...withTypes(ctx, destructureKeeping(ctx, use), use.element, false),
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
      if (!allows(ctx, kind, filter.receiver)) return undefined;
      // Each use becomes the one variable: `if (admins[0]) return admins[0].name` is narrowed.
      const targets = new Set<Node>(uses.map((u) => u.target));
      const atom = presenceTests((n) => targets.has(n), "undefined");
      const typed = uses.map((u) => withTypes(ctx, elementKeeping(ctx, u, atom), u.target));
      return {
        node: use.binding.declarator,
        messageId: "binding",
        data: { name: use.binding.name, element: kind },
        filter,
        last: kind === "last",
        mode: "binding",
        binding: use.binding,
        uses,
        keepings: typed.map((k) => k.keeping),
        ...(typed.some((k) => k.fits) ? { fits: typed.find((k) => k.fits)!.fits } : {}),
      };
    }
  }
  return undefined;
}

/** The reasons for how the type was kept, naming the first use that needed it. */
function typeReasons(ctx: TransformContext, match: FindMatch): RiskReason[] {
  if (match.mode === "inline")
    return keepingReasons(match.keeping, quoteCode(ctx.text(match.use.target)));
  if (match.mode === "destructure")
    return keepingReasons(match.keeping, quoteCode(ctx.text(match.use.element)));
  for (const keeping of ["held", "assert"] as const) {
    const index = match.keepings.indexOf(keeping);
    if (index !== -1)
      return keepingReasons(keeping, quoteCode(ctx.text(match.uses[index]!.target)));
  }
  return [];
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
    "`xs.filter(p).at(-1)`, `xs.filter(p).pop()` → `xs.findLast(p)` (only where the language level has `findLast`: es2023 or later)",
    "`const r = xs.filter(p); … r[0]` → `const firstR = xs.find(p); … firstR`",
    "In TypeScript under strictNullChecks, where `xs[0]` was typed `T` and the use needs `T` (a property read, an argument, a returned value): `xs.filter(p)[0].name` → `xs.find(p)!.name`, the same type and the same run-time behaviour. A use that copes with `undefined` (a condition, `?.`, `??`, a comparison, a narrowing such as `if (!token) return;`) gets plain `find`, as does every use without strictNullChecks or with noUncheckedIndexedAccess (`xs[0]` is then `T | undefined` already)",
  ],
  refuses: [
    "`[1]`, `.at(1)` or any other index: only the first (or last) element has a lazy equivalent.",
    "a receiver the project's types show is not an array (a class or interface of its own with a `filter`, an Immutable.js-like list, a NodeList): no change at all.",
    "with the project's types, a receiver whose type has no `find` (`findLast`) in the program's library, whatever `--target` says (in a file the compiler checks: in JavaScript nothing checks, the target decides).",
    "an element that is assigned, updated, deleted or called as a method (`xs.filter(p)[0]()` changes `this`).",
    '`.at(-1)`/`.pop()` below es2023 (no `findLast`), and every shape where the file\'s TypeScript library has no `find` (`lib: ["es5"]`, or a tsconfig without a target).',
    'a use that needs `T` where `!` cannot be written (a JavaScript file checked with `checkJs` or `// @ts-check`, or `"nonNullAssertions": false` in the configuration): held back with `result-type-widens`.',
    "`const [x]: T[] = …` (an annotated pattern) and patterns with more than one element or a rest element.",
    "a variable holding the filtered array that is used any other way, or for both the first and last element.",
  ],
  triggers: [".filter("],
  riskFactors: {
    ...selectRiskFactors(COMMON_RISK_FACTORS, [
      ...RECEIVER_AND_CALLBACK_FACTORS,
      "non-null-assertion",
      "result-type-fits",
      "result-type-widens",
      "destructuring-default",
      "comments-in-range",
    ]),
  },
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
    if (match.mode === "destructure" && match.use.element.type === "AssignmentPattern") {
      const detail = quoteCode(ctx.text(match.use.declarator.id));
      reasons.push({ id: CommonRisk["destructuring-default"], detail });
    }
    reasons.push(...typeReasons(ctx, match));
    if (match.fits) reasons.push({ id: CommonRisk["result-type-fits"], detail: match.fits });
    return reasons;
  },
  fix(match, ctx) {
    const { call, callee } = match.filter;
    const lazy = renamedCall(call, callee.property, match.last ? "findLast" : "find");
    const kept = (target: Node, pieces: Piece[], keeping: Keeping) =>
      keptPieces(ctx, target, pieces, keeping) ?? pieces;
    if (match.mode === "inline")
      return [replaceNode(match.use.target, kept(match.use.target, lazy, match.keeping))];
    if (match.mode === "destructure") {
      const element = match.use.element;
      if (element.type !== "AssignmentPattern") {
        return [
          replaceNode(match.use.declarator.id, [slice(element)]),
          replaceNode(call, kept(call, lazy, match.keeping)),
        ];
      }
      const fallback = isPrimary(element.right)
        ? [slice(element.right)]
        : ["(", slice(element.right), ")"];
      return [
        replaceNode(match.use.declarator.id, [slice(element.left)]),
        replaceNode(call, [...lazy, " ?? ", ...fallback]),
      ];
    }
    const { binding, uses, keepings } = match;
    if (binding.canMoveToUse && fitsInPlaceOf(ctx, uses[0]!.target, lazy)) {
      const removal = statementRemovalRange(ctx, binding.declaration);
      const target = uses[0]!.target;
      return [
        removeRange(removal.from, removal.to),
        replaceNode(target, kept(target, lazy, keepings[0]!)),
      ];
    }
    const name = freshName(
      ctx,
      match.last ? lastElementName(binding.name) : firstElementName(binding.name),
    );
    const rewrites: Rewrite[] = [
      replaceNode(binding.declarator.id, [name]),
      replaceNode(binding.declarator.init!, lazy),
    ];
    uses.forEach((use, i) =>
      rewrites.push(replaceNode(use.target, kept(use.target, [name], keepings[i]!))),
    );
    return rewrites;
  },
});

export default toJscodeshift(transform);
