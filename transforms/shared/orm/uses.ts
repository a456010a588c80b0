import type * as t from "@babel/types";
import {
  isBooleanContext,
  isMutationOrCallTarget,
  lengthOf,
  outermostWrapper,
} from "../../../src/ast/context-predicates.js";
import {
  isCallLike,
  isFunctionLike,
  isIdentifier,
  isMemberLike,
  skipTypeWrappers,
  type CallLike,
  type FunctionLike,
  type MemberLike,
} from "../../../src/ast/predicates.js";
import type { TransformContext } from "../../../src/core/context.js";
import { localBindingOf, type LocalBinding } from "../../../src/core/local-binding.js";
import { bindingUses, findBinding } from "../../../src/core/scope.js";
import type { Node } from "../../../src/core/types.js";
import { classifyArrayUse } from "../array-uses.js";
import type { OrmQuery } from "./query.js";

/** How the loaded rows (or a variable holding them) are used. */
export type RowsUse =
  | {
      kind: "exists";
      nonEmpty: boolean;
      /** The expression that becomes the test: a comparison, `!!…`, or the bare `.length`. */
      target: Node;
      /** The `.length` read itself. */
      length: MemberLike;
      /** The target states a test (`> 0`, `!!`); otherwise only its truthiness matters. */
      explicit: boolean;
      booleanContext: boolean;
    }
  | { kind: "count"; length: MemberLike }
  | { kind: "first"; target: Node }
  | { kind: "map"; call: CallLike; props: string[] }
  | { kind: "iterate"; loop: t.ForOfStatement }
  | { kind: "truthy"; target: Node };

/** Classifies one use of a rows-valued node; undefined for any other use (the rows are needed). */
function classifyRowsUse(ctx: TransformContext, value: Node): RowsUse | undefined {
  const self = outermostWrapper(ctx, value);
  const parent = ctx.parentOf(self);
  if (!parent) return undefined;
  const array = classifyArrayUse(ctx, value);
  const length = lengthOf(ctx, value);
  if (array?.kind === "exists" && length) {
    return {
      kind: "exists",
      nonEmpty: array.nonEmpty,
      target: array.target,
      length,
      explicit: array.target !== length,
      booleanContext: array.booleanContext,
    };
  }
  if (array?.kind === "first") {
    // `.shift()` would also remove the row; fine for a variable used only for that.
    return { kind: "first", target: array.target };
  }
  if (length) {
    if (isWrittenOrCalled(ctx, outermostWrapper(ctx, length))) return undefined;
    // `rows.length` as a number, or compared with another length.
    return { kind: "count", length };
  }
  const map = mapProjection(ctx, self, parent);
  if (map) return map;
  if (parent.type === "ForOfStatement" && parent.right === self && !parent.await)
    return { kind: "iterate", loop: parent };
  if (isBooleanContext(ctx, value)) return { kind: "truthy", target: self };
  return undefined;
}

/**
 * `x.y = …`, `x.y++`, `delete x.y`, `x.y(…)`, `[x.y] = …`, `({ a: x.y } = …)`: unlike
 * `isMutationOrCallTarget`, a property of an object literal (`{ count: rows.length }`) is a read.
 */
function isWrittenOrCalled(ctx: TransformContext, node: Node): boolean {
  const parent = ctx.parentOf(node);
  if (parent?.type === "ObjectProperty") return ctx.parentOf(parent)?.type === "ObjectPattern";
  return isMutationOrCallTarget(ctx, node);
}

/** `rows.map((r) => r.email)`, `rows.map(({ id, email }) => …)`: the properties read. */
function mapProjection(ctx: TransformContext, self: Node, parent: Node): RowsUse | undefined {
  if (!isMemberLike(parent) || parent.object !== self || parent.computed) return undefined;
  if (!isIdentifier(parent.property, "map")) return undefined;
  const call = ctx.parentOf(parent);
  if (!isCallLike(call) || call.callee !== parent || call.arguments.length !== 1) return undefined;
  const callback = call.arguments[0]!;
  if (!isFunctionLike(callback) || callback.params.length > 2) return undefined;
  const props = propertiesRead(ctx, callback);
  return props && props.length > 0 ? { kind: "map", call, props } : undefined;
}

/** The properties a callback reads from its first parameter, if that is all it does with it. */
function propertiesRead(ctx: TransformContext, callback: FunctionLike): string[] | undefined {
  const param = callback.params[0];
  if (!param) return undefined;
  if (param.type === "ObjectPattern") {
    const names: string[] = [];
    for (const prop of param.properties) {
      if (prop.type !== "ObjectProperty" || prop.computed) return undefined;
      if (prop.key.type !== "Identifier") return undefined;
      if (prop.value.type !== "Identifier") return undefined;
      names.push(prop.key.name);
    }
    return names;
  }
  if (param.type !== "Identifier") return undefined;
  const binding = findBinding(ctx, param);
  const uses = binding && bindingUses(ctx, binding);
  if (!uses || uses.writes.length > 0) return undefined;
  const names = new Set<string>();
  for (const use of uses.reads) {
    const self = outermostWrapper(ctx, use);
    const member = ctx.parentOf(self);
    if (!isMemberLike(member) || member.object !== self || member.computed) return undefined;
    if (member.property.type !== "Identifier") return undefined;
    // A method call could read any column; an assignment would write one.
    if (isWrittenOrCalled(ctx, outermostWrapper(ctx, member))) return undefined;
    names.add(member.property.name);
  }
  return [...names];
}

/** Where the rows of an eager query go, and through what. */
export type LoadSite =
  /** `(await q).length > 0`, `for (… of await q)`: the awaited value is used on the spot. */
  | { form: "inline"; value: Node; use: RowsUse }
  /** `const rows = await q;` and every use of `rows`. */
  | { form: "binding"; value: Node; binding: LocalBinding; uses: RowsUse[] }
  /** `const [first] = await q;` */
  | { form: "destructure"; value: Node; declarator: t.VariableDeclarator; element: t.Identifier }
  /** `q.then((rows) => …)`: the callback's parameter and its uses. */
  | { form: "then"; call: CallLike; callback: FunctionLike; param: t.Identifier; uses: RowsUse[] };

/**
 * The load site of an eager query: awaited (or, for synchronous drivers, called) and then used
 * inline, bound to a local, destructured, or handed to `.then`. Undefined for anything else.
 */
export function loadSiteOf(
  ctx: TransformContext,
  query: OrmQuery,
  sync: boolean,
): LoadSite | undefined {
  const node = outermostWrapper(ctx, query.node);
  const parent = ctx.parentOf(node);
  if (!sync && isMemberLike(parent) && parent.object === node) return thenSite(ctx, parent);
  let value: Node = query.node;
  if (!sync) {
    if (parent?.type !== "AwaitExpression" || skipTypeWrappers(parent.argument) !== query.node)
      return undefined;
    value = parent;
  }
  const self = outermostWrapper(ctx, value);
  const holder = ctx.parentOf(self);
  if (holder?.type === "VariableDeclarator" && holder.init === self) {
    if (holder.id.type === "ArrayPattern") {
      const [element, ...rest] = holder.id.elements;
      if (rest.length > 0 || holder.id.typeAnnotation || element?.type !== "Identifier")
        return undefined;
      if (element.typeAnnotation) return undefined;
      return { form: "destructure", value, declarator: holder, element };
    }
    const binding = localBindingOf(ctx, value);
    if (!binding) return undefined;
    const uses = binding.uses.map((use) => classifyRowsUse(ctx, use));
    if (uses.some((u) => u === undefined)) return undefined;
    return { form: "binding", value, binding, uses: uses as RowsUse[] };
  }
  const use = classifyRowsUse(ctx, value);
  return use ? { form: "inline", value, use } : undefined;
}

/** `q.then((rows) => …)` with one callback whose only parameter is a plain name. */
function thenSite(ctx: TransformContext, member: MemberLike): LoadSite | undefined {
  if (member.computed || !isIdentifier(member.property, "then")) return undefined;
  const call = ctx.parentOf(member);
  if (!isCallLike(call) || call.callee !== member || call.arguments.length !== 1) return undefined;
  const callback = call.arguments[0]!;
  if (!isFunctionLike(callback) || callback.params.length !== 1) return undefined;
  const param = callback.params[0]!;
  if (param.type !== "Identifier") return undefined;
  const binding = findBinding(ctx, param);
  const found = binding && bindingUses(ctx, binding);
  if (!found || found.writes.length > 0 || found.reads.length === 0) return undefined;
  if (found.reads.some((r) => r.type !== "Identifier")) return undefined;
  const uses = found.reads.map((use) => classifyRowsUse(ctx, use));
  if (uses.some((u) => u === undefined)) return undefined;
  return { form: "then", call, callback, param, uses: uses as RowsUse[] };
}

/** Every use of the rows at a site (one for inline forms). */
export function usesAt(site: LoadSite): RowsUse[] {
  switch (site.form) {
    case "inline":
      return [site.use];
    case "binding":
    case "then":
      return site.uses;
    case "destructure":
      return [];
  }
}
