import { isCallLike, isMemberLike, skipTypeWrappers } from "../../../src/ast/predicates.js";
import type { TransformContext } from "../../../src/core/context.js";
import type { Node } from "../../../src/core/types.js";
import {
  ormSettingsOf,
  type LazyOperation,
  type OrmKind,
  type OrmSettings,
  type OrmWrapper,
} from "./settings.js";

/**
 * Receiver patterns: how configuration names the object an eager query is called on. A pattern
 * is a name or `this`, then steps: `.name` (a property, `#name` for a private one) or `()` (a
 * call, with any arguments): `this.userRepository`, `this.connection.getRepository()`,
 * `getRepository()`, `models.get().Student`.
 */
type Step = { kind: "property"; name: string } | { kind: "call" };

export interface ReceiverPattern {
  root: string;
  steps: readonly Step[];
}

export function patternText(pattern: ReceiverPattern): string {
  return (
    pattern.root + pattern.steps.map((s) => (s.kind === "call" ? "()" : `.${s.name}`)).join("")
  );
}

/** An identifier (or a private name), as JavaScript reads one. */
const NAME = /^#?[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*/u;

/**
 * Reads a configured key as a pattern, or says why it is not one (with the offending text). `?.`
 * is read as `.`, as receivers are.
 */
export function parseReceiverPattern(
  key: string,
): { pattern: ReceiverPattern } | { error: string } {
  let rest = key;
  const root = NAME.exec(rest)?.[0];
  if (!root || root.startsWith("#"))
    return { error: `it must start with a name or \`this\`, not ${describeRest(rest)}` };
  rest = rest.slice(root.length);
  const steps: Step[] = [];
  while (rest.length > 0) {
    if (rest.startsWith("()")) {
      steps.push({ kind: "call" });
      rest = rest.slice(2);
      continue;
    }
    if (rest.startsWith("(")) {
      const close = rest.indexOf(")");
      const written = close === -1 ? rest : rest.slice(0, close + 1);
      return {
        error: `a call is written \`()\` and matches any arguments; write \`()\` for \`${written}\``,
      };
    }
    const dot = /^\??\./.exec(rest)?.[0];
    const name = dot ? NAME.exec(rest.slice(dot.length))?.[0] : undefined;
    if (!dot || !name)
      return {
        error: `after \`${key.slice(0, key.length - rest.length)}\` comes ${describeRest(rest)}; only \`.name\` and \`()\` steps are allowed (no spaces, no \`[…]\`)`,
      };
    steps.push({ kind: "property", name });
    rest = rest.slice(dot.length + name.length);
  }
  return { pattern: { root, steps } };
}

function describeRest(rest: string): string {
  return rest.length === 0 ? "nothing" : `\`${rest.length > 20 ? `${rest.slice(0, 20)}…` : rest}\``;
}

/** The pattern a receiver expression is matched by: `this.connection.getRepository(ctx, E)` → `this.connection.getRepository()`. */
function receiverPatternOf(node: Node): ReceiverPattern | undefined {
  const inner = skipTypeWrappers(node);
  if (inner.type === "Identifier") return { root: inner.name, steps: [] };
  if (inner.type === "ThisExpression") return { root: "this", steps: [] };
  if (isMemberLike(inner) && !inner.computed) {
    const property = inner.property;
    const name =
      property.type === "Identifier"
        ? property.name
        : property.type === "PrivateName"
          ? `#${property.id.name}`
          : undefined;
    const object = name === undefined ? undefined : receiverPatternOf(inner.object);
    if (!object || name === undefined) return undefined;
    return { root: object.root, steps: [...object.steps, { kind: "property", name }] };
  }
  if (isCallLike(inner)) {
    const callee = receiverPatternOf(inner.callee);
    return callee && { root: callee.root, steps: [...callee.steps, { kind: "call" }] };
  }
  return undefined;
}

/** A configured receiver that names this one: the key, and the ORM or wrapper it stands for. */
export interface ConfiguredReceiver {
  key: string;
  orm: OrmKind;
  /** Set for a wrapper (an object entry); absent when the receiver is the ORM's own object. */
  wrapper?: OrmWrapper;
}

/**
 * The configured receiver that names `receiver`: its own pattern, or the pattern with trailing
 * properties taken off (`this.prisma` names `this.prisma.user`). A call is never taken off:
 * `this.connection` does not name `this.connection.getRepository(ctx, E)`, only a key that
 * spells the call does.
 */
export function configuredReceiver(
  ctx: TransformContext,
  receiver: Node,
): ConfiguredReceiver | undefined {
  const configured = compiledReceivers(ormSettingsOf(ctx.settings));
  if (configured.size === 0) return undefined;
  const pattern = receiverPatternOf(receiver);
  if (!pattern) return undefined;
  const steps = [...pattern.steps];
  for (;;) {
    const found = configured.get(patternText({ root: pattern.root, steps }));
    if (found) return found;
    if (steps.length === 0) return undefined;
    if (steps[steps.length - 1]!.kind === "call") {
      warnOfNearMiss(ctx, receiver, pattern, steps, configured);
      return undefined;
    }
    steps.pop();
  }
}

/**
 * `"this.connection"` configured, and a query on `this.connection.getRepository(ctx, E)`: the key
 * names the object a call is made on, not what the call returns, so it matches nothing here. Said
 * once per key in a file, with the key that would match.
 */
function warnOfNearMiss(
  ctx: TransformContext,
  receiver: Node,
  pattern: ReceiverPattern,
  upToCall: readonly Step[],
  configured: ReadonlyMap<string, ConfiguredReceiver>,
): void {
  const steps = [...upToCall];
  while (steps.length > 0) {
    steps.pop();
    const found = configured.get(patternText({ root: pattern.root, steps }));
    if (!found) continue;
    // The receiver's pattern up to the first call past the key: what the user meant to name.
    const next = pattern.steps.findIndex((step, i) => i >= steps.length && step.kind === "call");
    const meant = patternText({ root: pattern.root, steps: pattern.steps.slice(0, next + 1) });
    ctx.warn(
      receiver,
      "orm-receiver-names-caller",
      `\`orm.receivers\` key "${found.key}" names the object, not what \`${meant}\` returns, so it does not match this query's receiver; to name that, configure "${meant}"`,
    );
    return;
  }
}

const compiled = new WeakMap<object, Map<string, ConfiguredReceiver>>();

/**
 * The receivers of the settings by normalised pattern, compiled once per settings object. Keys
 * that are not patterns are left out here: configuration files are checked when read
 * (`validateConfig`), which is where such a key is an error.
 */
function compiledReceivers(orm: OrmSettings | undefined): Map<string, ConfiguredReceiver> {
  const receivers = orm?.receivers;
  if (!receivers) return new Map();
  let map = compiled.get(receivers);
  if (!map) {
    map = new Map();
    for (const [key, entry] of Object.entries(receivers)) {
      const parsed = parseReceiverPattern(key);
      if (!("pattern" in parsed)) continue;
      map.set(
        patternText(parsed.pattern),
        typeof entry === "string" ? { key, orm: entry } : { key, orm: entry.orm, wrapper: entry },
      );
    }
    compiled.set(receivers, map);
  }
  return map;
}

/** The last name in each configured receiver pattern: a file without any cannot match one. */
export function receiverTriggers(orm: OrmSettings): string[] {
  return [...compiledReceivers(orm).keys()].flatMap((text) => {
    const parsed = parseReceiverPattern(text);
    if (!("pattern" in parsed)) return [];
    const names = parsed.pattern.steps.flatMap((s) => (s.kind === "property" ? [s.name] : []));
    const last = names[names.length - 1] ?? parsed.pattern.root;
    return [last.replace(/^#/, "")];
  });
}

// ─── What each ORM's lazy query needs of its receiver ──────────────────────────────────────

/**
 * How the lazy query of each operation uses the receiver: by calling another method on it
 * (`method`: which a wrapper may have under another name), or by keeping the eager call and
 * relying on what it accepts or returns (`keeps`). An operation an ORM has no rewrite for is
 * absent.
 */
export type LazyForm = { method: string } | { keeps: string };

export const LAZY_FORMS: Record<OrmKind, Partial<Record<LazyOperation, LazyForm>>> = {
  prisma: {
    exists: { method: "findFirst" },
    count: { method: "count" },
    first: { method: "findFirst" },
    select: { keeps: "a `select` option passed to `findMany`" },
  },
  typeorm: {
    exists: { method: "exists" },
    count: { method: "count" },
    first: { method: "findOne" },
    select: { keeps: "a `select` option passed to `find`" },
  },
  sequelize: {
    exists: { method: "findOne" },
    count: { method: "count" },
    first: { method: "findOne" },
    select: { keeps: "an `attributes` option passed to `findAll`" },
  },
  mongoose: {
    exists: { method: "exists" },
    count: { method: "countDocuments" },
    first: { method: "findOne" },
    select: { keeps: "`.select(…)` on the query its `find` returns" },
    cursor: { keeps: "`.cursor()` on the query its `find` returns" },
  },
  knex: {
    exists: { keeps: "`.first()` on the query builder" },
    count: { keeps: '`.count({ count: "*" }).first()` on the query builder' },
    first: { keeps: "`.first()` on the query builder" },
    select: { keeps: "`.select(…)` on the query builder" },
    cursor: { keeps: "`.stream()` on the query builder" },
  },
  drizzle: {
    exists: { keeps: "`.limit(1)` on the select (`limit: 1` for `query.….findMany`)" },
    count: { keeps: "`$count(table, where)` on the database object" },
    first: { keeps: "`.limit(1)` on the select (`limit: 1` for `query.….findMany`)" },
    select: { keeps: "the selected columns (`columns` for `query.….findMany`)" },
  },
};

/** Method names of each ORM's queries: a key ending in one names a query, not its receiver. */
export const QUERY_METHODS: Record<OrmKind, ReadonlySet<string>> = {
  prisma: new Set(["findMany", "findFirst", "findUnique", "count"]),
  typeorm: new Set([
    "find",
    "findBy",
    "findOne",
    "findOneBy",
    "count",
    "countBy",
    "exists",
    "existsBy",
  ]),
  sequelize: new Set(["findAll", "findOne", "count"]),
  mongoose: new Set([
    "find",
    "findOne",
    "count",
    "countDocuments",
    "exists",
    "lean",
    "exec",
    "cursor",
  ]),
  knex: new Set(["select", "from", "where", "first", "count", "stream"]),
  drizzle: new Set(["select", "selectDistinct", "from", "where", "findMany", "limit", "$count"]),
};
