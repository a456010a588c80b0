import type * as t from "@babel/types";
import { isNumberLiteral, skipTypeWrappers } from "../../../src/ast/predicates.js";
import type { Node } from "../../../src/core/types.js";
import type { CallLike } from "../../../src/ast/predicates.js";
import type { Entry, LazyFact, LazyQuery } from "./query.js";
import type { LazyOperation } from "./settings.js";

/** An options argument: absent, an object literal whose keys are all known, or anything else. */
export type Options = NoOptions | LiteralOptions | OpaqueOptions;
export type NoOptions = { kind: "none" };
export type LiteralOptions = {
  kind: "literal";
  node: t.ObjectExpression;
  props: ReadonlyMap<string, t.ObjectProperty>;
};
type OpaqueOptions = { kind: "opaque"; node: Node; cause: OpaqueCause };

/** Why the keys of an options argument cannot be read, and the code that stops it. */
export type OpaqueCause =
  /** `repo.find(options)`, `repo.find(buildOptions())`: not an object literal. */
  | { kind: "not-literal"; node: Node }
  /** `{ where, ...options }` */
  | { kind: "spread"; node: t.SpreadElement }
  /** `{ [key]: value }` (or a key that is not a name, string or number) */
  | { kind: "computed-key"; node: t.ObjectProperty | t.ObjectMethod }
  /** `{ where() {…} }`, `{ get where() {…} }` */
  | { kind: "method"; node: t.ObjectMethod }
  /** `{ where: a, where: b }` */
  | { kind: "duplicate-key"; name: string; node: t.ObjectProperty };

/**
 * Reads an options argument. A literal with a spread, a computed key, a method or accessor, or a
 * key given twice is opaque, with that cause.
 */
export function readOptions(arg: Node | undefined): Options {
  if (!arg) return { kind: "none" };
  const inner = skipTypeWrappers(arg);
  const opaque = (cause: OpaqueCause): Options => ({ kind: "opaque", node: arg, cause });
  if (inner.type !== "ObjectExpression") return opaque({ kind: "not-literal", node: arg });
  const props = new Map<string, t.ObjectProperty>();
  for (const prop of inner.properties) {
    if (prop.type === "SpreadElement") return opaque({ kind: "spread", node: prop });
    const name = prop.computed ? undefined : keyName(prop.key);
    if (name === undefined) return opaque({ kind: "computed-key", node: prop });
    if (prop.type === "ObjectMethod") return opaque({ kind: "method", node: prop });
    if (props.has(name)) return opaque({ kind: "duplicate-key", name, node: prop });
    props.set(name, prop);
  }
  return { kind: "literal", node: inner, props };
}

function keyName(key: Node): string | undefined {
  if (key.type === "Identifier") return key.name;
  if (key.type === "StringLiteral") return key.value;
  if (key.type === "NumericLiteral") return String(key.value);
  return undefined;
}

/** Whether a literal's keys are all among `known` (an unknown key may change the meaning). */
export function hasOnlyKeys(options: Options, known: ReadonlySet<string>): boolean {
  return options.kind !== "literal" || [...options.props.keys()].every((k) => known.has(k));
}

export function optionValue(options: Options, key: string): Node | undefined {
  return options.kind === "literal" ? options.props.get(key)?.value : undefined;
}

/** The fact that the lazy query ignores those of the pagination keys that the options give. */
export function ignoredPagination(options: Options, keys: readonly string[]): LazyFact[] {
  const present = keys.filter((key) => optionValue(options, key));
  return present.length > 0 ? [{ kind: "ignores-pagination", keys: present }] : [];
}

/** `take: 1`, `limit: 1` (or -1 for Prisma's "last"). */
export function isOneLiteral(node: Node | undefined): boolean {
  return !!node && (isNumberLiteral(skipTypeWrappers(node), 1) || isNumberLiteral(node, -1));
}

export function isPositiveIntegerLiteral(node: Node | undefined): boolean {
  const inner = node && skipTypeWrappers(node);
  return inner?.type === "NumericLiteral" && Number.isInteger(inner.value) && inner.value >= 1;
}

/** The fact that the options' keys cannot be checked, when they cannot. */
export function opaqueFacts(options: Options): LazyFact[] {
  return options.kind === "opaque" ? [{ kind: "opaque-options", cause: options.cause }] : [];
}

/**
 * The eager call with one more option (`select: { email: true }`, `limit: 1`): a lazy query that
 * still resolves to rows.
 */
export function withOption(
  operation: LazyOperation,
  call: CallLike,
  options: LiteralOptions | NoOptions,
  entry: Entry,
  facts: LazyFact[] = [],
): LazyQuery {
  return {
    operation,
    result: "rows",
    changes: [{ kind: "options", call, options, add: [entry] }],
    facts,
  };
}
