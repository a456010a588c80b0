import type * as t from "@babel/types";
import {
  isCallLike,
  isIdentifier,
  isMemberLike,
  isStableReference,
  isStaticCall,
  methodCallee,
  skipTypeWrappers,
} from "../src/ast/predicates.js";
import { end, start, type TransformContext } from "../src/core/context.js";
import { backticked, quoteCode } from "../src/core/quote.js";
import { defineTransform } from "../src/core/define.js";
import { toJscodeshift } from "../src/adapters/jscodeshift.js";
import { localBindingOf, type LocalBinding } from "../src/core/local-binding.js";
import { valueKind } from "../src/core/receiver.js";
import { COMMON_RISK_FACTORS, CommonRisk, selectRiskFactors } from "../src/core/risk.js";
import { bindingUses, findBinding } from "../src/core/scope.js";
import { isConstAssertion } from "../src/core/declared-type.js";
import { isMutationOrCallTarget } from "../src/ast/context-predicates.js";
import type { BaseMatch, Node, Piece, RiskReason } from "../src/core/types.js";
import { removeRange, replaceNode, slice, statementRemovalRange } from "../src/fix/index.js";

/**
 * What the array was copied from; `typed`: the collection's type, when the project's types proved
 * it a Set or a Map (this file did not).
 */
type Source =
  { kind: "set" | "map"; collection: Node; typed?: string } | { kind: "object"; object: Node };

type HasMatch = BaseMatch & {
  includes: t.CallExpression;
  value: Node;
  source: Source;
  binding?: LocalBinding;
};

/** A global the file does not shadow with its own declaration. */
function isGlobal(ctx: TransformContext, node: Node, name: string): boolean {
  return isIdentifier(node, name) && findBinding(ctx, node) === undefined;
}

/**
 * `[...s]`, `Array.from(s)`, `[...m.keys()]`, `Array.from(m.keys())` over a provable Set or Map, or
 * `Object.keys(o)`.
 */
function copiedFrom(ctx: TransformContext, node: Node): Source | undefined {
  const copy = skipTypeWrappers(node);
  let copied: Node | undefined;
  if (
    copy.type === "ArrayExpression" &&
    copy.elements.length === 1 &&
    copy.elements[0]?.type === "SpreadElement"
  ) {
    copied = copy.elements[0].argument;
  } else if (
    isStaticCall(copy, "Array", "from") &&
    copy.arguments.length === 1 &&
    isGlobal(ctx, (copy.callee as t.MemberExpression).object, "Array")
  ) {
    copied = copy.arguments[0];
  } else if (
    isStaticCall(copy, "Object", "keys") &&
    copy.arguments.length === 1 &&
    isGlobal(ctx, (copy.callee as t.MemberExpression).object, "Object")
  ) {
    const object = copy.arguments[0]!;
    return object.type === "SpreadElement" ? undefined : { kind: "object", object };
  }
  if (!copied || copied.type === "SpreadElement") return undefined;
  const keys = methodCallee(copied, ["keys"]);
  const collection =
    keys && isCallLike(copied) && copied.arguments.length === 0 ? keys.object : copied;
  // Only a name or member chain: `new Set(xs).has(v)` would still build the whole set.
  if (!isStableReference(collection)) return undefined;
  let kind = valueKind(ctx, collection).kind;
  let typed: string | undefined;
  if (kind === "unknown") {
    const proved = typedCollection(ctx, collection);
    if (proved) [kind, typed] = proved;
  }
  const source = (k: "set" | "map"): Source =>
    typed ? { kind: k, collection, typed } : { kind: k, collection };
  if (kind === "set") return source("set"); // a Set's keys are its values
  if (kind === "map" && collection !== copied) return source("map");
  return undefined;
}

/**
 * The collection's kind and type, when the project's types prove every member of it a Set, or
 * every member a Map. Without types, a first phase is asked to bring them: the collection may
 * come from another file.
 */
function typedCollection(
  ctx: TransformContext,
  collection: Node,
): ["set" | "map", string] | undefined {
  if (!ctx.types) {
    ctx.askTypes();
    return undefined;
  }
  const view = ctx.types.typeOf({ start: start(collection), end: end(collection) });
  if (!view || view.unknown || view.nullable) return undefined;
  const text = view.members.map((m) => m.text).join(" | ");
  if (view.members.every((m) => m.kind === "set")) return ["set", text];
  if (view.members.every((m) => m.kind === "map")) return ["map", text];
  return undefined;
}

function matchIncludes(node: t.Node, ctx: TransformContext): HasMatch | undefined {
  const callee = methodCallee(node, ["includes"]);
  if (!callee || node.type !== "CallExpression" || callee.type !== "MemberExpression")
    return undefined;
  if (node.arguments.length !== 1 || node.arguments[0]!.type === "SpreadElement") return undefined;
  const value = node.arguments[0]!;
  const receiver = skipTypeWrappers(callee.object);
  const inline = copiedFrom(ctx, receiver);
  if (inline) {
    const messageId =
      inline.kind === "object" ? "objectKeys" : inline.kind === "map" ? "mapKeys" : "setCopy";
    return { node, messageId, includes: node, value, source: inline };
  }
  if (!isIdentifier(receiver)) return undefined;
  // `const keys = Object.keys(o); if (keys.includes(k))` — next statement only.
  const binding = findBinding(ctx, receiver);
  const init = binding?.declarator?.id === binding?.id ? binding?.declarator?.init : undefined;
  // The initialiser's shape first: collecting a binding's uses walks its whole scope.
  const source = init ? copiedFrom(ctx, init) : undefined;
  if (!init || !source) return undefined;
  const local = localBindingOf(ctx, init);
  if (!local?.canMoveToUse || local.uses[0] !== receiver) return undefined;
  return {
    node: local.declarator,
    messageId: "binding",
    data: { name: local.name },
    includes: node,
    value,
    source,
    binding: local,
  };
}

/**
 * `Object.hasOwn(` where the file's library has it (es2022); below, the ES5 spelling, with the same
 * meaning and the same type (`boolean`, any receiver, a `PropertyKey`), which ESLint's
 * `no-prototype-builtins` recommends.
 */
function ownKeyTest(ctx: TransformContext): string {
  return ctx.hasLib("Object.hasOwn") ? "Object.hasOwn(" : "Object.prototype.hasOwnProperty.call(";
}

/**
 * `const COLORS = { red: 1, blue: 2 } as const`, read only as `COLORS.red` or by `Object.keys`:
 * its own keys are the literal's, all enumerable strings, so `Object.hasOwn` finds what
 * `Object.keys(…).includes` found. A key that reads as a number (`1: …`) is matched by the number
 * `1` too, so then only a value that is provably a string is.
 */
function hasOnlyEnumerableStringKeys(ctx: TransformContext, object: Node, value: Node): boolean {
  if (!isIdentifier(object)) return false;
  const binding = findBinding(ctx, object);
  const init =
    binding?.kind === "const" && binding.declarator?.id === binding.id
      ? binding.declarator.init
      : undefined;
  if (!init || init.type !== "TSAsExpression" || !isConstAssertion(init)) return false;
  const literal = init.expression;
  if (literal.type !== "ObjectExpression") return false;
  let numericKey = false;
  for (const property of literal.properties) {
    if (property.type === "SpreadElement" || property.computed) return false;
    const key = property.key;
    const name =
      key.type === "Identifier"
        ? key.name
        : key.type === "StringLiteral"
          ? key.value
          : key.type === "NumericLiteral"
            ? String(key.value)
            : undefined;
    if (name === undefined || name === "__proto__") return false;
    if (String(Number(name)) === name) numericKey = true;
  }
  if (numericKey && valueKind(ctx, value).kind !== "string") return false;
  const uses = bindingUses(ctx, binding!);
  return (
    uses !== undefined &&
    uses.writes.length === 0 &&
    uses.reads.every((read) => isPlainRead(ctx, read))
  );
}

/** `o.a`, `o[k]`, `Object.keys(o)`, `typeof o`: a read that cannot add or redefine a property. */
function isPlainRead(ctx: TransformContext, read: Node): boolean {
  const parent = ctx.parentOf(read);
  if (!parent) return false;
  if (isMemberLike(parent)) return parent.object === read && !isMutationOrCallTarget(ctx, parent);
  if (parent.type === "TSTypeQuery") return true;
  return (
    parent.type === "CallExpression" &&
    parent.arguments.length === 1 &&
    ["keys", "values", "entries"].some((method) => isStaticCall(parent, "Object", method)) &&
    isGlobal(ctx, (parent.callee as t.MemberExpression).object, "Object")
  );
}

export const transform = defineTransform<HasMatch>({
  id: "prefer-has",
  title:
    "`[...set].includes(v)` → `set.has(v)`; `Object.keys(o).includes(k)` → `Object.hasOwn(o, k)`",
  category: "array",
  rewrites: [
    "`[...s].includes(v)`, `Array.from(s).includes(v)` → `s.has(v)` where `s` is provably a Set (by this file, or by the project's types for a Set from another file: `collection-is-set`)",
    "`[...m.keys()].includes(k)`, `Array.from(m.keys()).includes(k)` → `m.has(k)` where `m` is provably a Map (or a Set; with types, `collection-is-map`)",
    "`Object.keys(o).includes(k)` → `Object.hasOwn(o, k)` (no `own-enumerable-keys` for an object literal the file declares `as const` and only reads); below es2022 (a `--target`, or a tsconfig whose `lib` has no `Object.hasOwn`) → `Object.prototype.hasOwnProperty.call(o, k)`, its ES5 equivalent",
    "`const keys = Object.keys(o); if (keys.includes(k))` → `if (Object.hasOwn(o, k))` when the test is the very next statement",
  ],
  refuses: [
    "a collection that is not provably a Set or Map (a `new Set(…)`/`new Map(…)` binding, a `Set<…>`/`Map<…>` annotation, or the project's types), or may be nullish.",
    "`[...new Set(xs)].includes(v)`: the set would still be built from the whole array.",
    "`[...m].includes(v)` (entries), `[...m.values()]`, strings, and `Array.from(s, mapFn)`.",
    "a shadowed `Object` or `Array`.",
  ],
  triggers: [
    [".includes(", "..."],
    [".includes(", "Array.from("],
    [".includes(", "Object.keys("],
  ],
  riskFactors: {
    ...selectRiskFactors(COMMON_RISK_FACTORS, [
      "own-enumerable-keys",
      "collection-is-set",
      "collection-is-map",
      "comments-in-range",
    ]),
  },
  origin: "eslint-plugin-unicorn `prefer-set-has`; MDN on `Object.hasOwn`",
  messages: {
    setCopy: "copying a Set into an array to call `.includes(…)` is O(n); `.has(…)` is O(1)",
    mapKeys: "copying a Map's keys into an array to call `.includes(…)` is O(n); `.has(…)` is O(1)",
    objectKeys: "`Object.keys(…).includes(…)` lists every key to look for one",
    binding: "`{{name}}` holds a copy of the keys that is searched only once",
  },
  match: { CallExpression: matchIncludes },
  assess(match, ctx) {
    const reasons: RiskReason[] = [];
    if (match.source.kind !== "object" && match.source.typed) {
      const code = backticked(quoteCode(ctx.text(match.source.collection)));
      reasons.push({
        id: CommonRisk[match.source.kind === "set" ? "collection-is-set" : "collection-is-map"],
        detail: `${code} is ${backticked(quoteCode(match.source.typed))}`,
      });
    }
    if (
      match.source.kind === "object" &&
      !hasOnlyEnumerableStringKeys(ctx, match.source.object, match.value)
    )
      reasons.push({ id: CommonRisk["own-enumerable-keys"] });
    return reasons;
  },
  fix(match, ctx) {
    const source = match.source;
    const lazy: Piece[] =
      source.kind === "object"
        ? [ownKeyTest(ctx), slice(source.object), ", ", slice(match.value), ")"]
        : [slice(source.collection), ".has(", slice(match.value), ")"];
    if (!match.binding) return [replaceNode(match.includes, lazy)];
    const removal = statementRemovalRange(ctx, match.binding.declaration);
    return [removeRange(removal.from, removal.to), replaceNode(match.includes, lazy)];
  },
});

export default toJscodeshift(transform);
