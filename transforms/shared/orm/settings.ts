import type { TransformSettings } from "../../../src/core/context.js";
import type { SettingsSpec, Trigger } from "../../../src/core/define.js";
import { UsageError } from "../../../src/core/errors.js";
import { describe, isPlainObject, unknownKey } from "../../../src/core/json-values.js";
import {
  LAZY_FORMS,
  parseReceiverPattern,
  patternText,
  QUERY_METHODS,
  receiverTriggers,
} from "./receivers.js";

/**
 * The ORM family's settings: the `orm` key of lazymod's configuration, which names project
 * modules that export an ORM client and receivers (the ORM's own objects, or wrappers in front of
 * one). The core sees them as opaque; this family reads and checks them.
 */

/** The ORM families the ORM transforms know. */
export type OrmKind = "prisma" | "typeorm" | "sequelize" | "mongoose" | "knex" | "drizzle";

/** The questions the ORM transforms answer with a lazy query instead of loading every row. */
export type LazyOperation = "exists" | "count" | "first" | "select" | "cursor";
export const LAZY_OPERATIONS: readonly LazyOperation[] = [
  "exists",
  "count",
  "first",
  "select",
  "cursor",
];

/**
 * A project's own class in front of an ORM (a repository, a service): for each lazy operation,
 * the wrapper's method that does what the ORM's own lazy method does (same arguments, same
 * result), `true` when the ORM's own form works on it, `null` when it has no such thing. An
 * operation left out is unknown, and a rewrite that needs it is held back.
 */
export interface OrmWrapper {
  orm: OrmKind;
  methods: Partial<Record<LazyOperation, string | true | null>>;
}

/** The `orm` key of lazymod's configuration. */
export interface OrmSettings {
  /** Project modules that export an ORM client, e.g. `{ "@/lib/prisma": "prisma" }`. */
  modules?: Record<string, OrmKind>;
  /**
   * Receivers, by pattern (`this.userRepository`, `this.connection.getRepository()`): the ORM
   * whose own object they are, or a wrapper in front of one.
   */
  receivers?: Record<string, OrmKind | OrmWrapper>;
}

/** The ORM settings transforms see (checked by `validateOrm` when the configuration was read). */
export function ormSettingsOf(settings: TransformSettings): OrmSettings | undefined {
  return settings.orm as OrmSettings | undefined;
}

const ORM_KINDS = [
  "prisma",
  "typeorm",
  "sequelize",
  "mongoose",
  "knex",
  "drizzle",
] as const satisfies readonly OrmKind[];
// Fails to compile when OrmKind gains a member that ORM_KINDS lacks.
const everyOrmKindListed: Exclude<OrmKind, (typeof ORM_KINDS)[number]> extends never
  ? true
  : false = true;
void everyOrmKindListed;

const ORM_KEYS = ["modules", "receivers"] as const;

/** Checks the `orm` value of a configuration; every error names the file and key (`label`). */
function validateOrm(entry: unknown, label: string): OrmSettings {
  if (!isPlainObject(entry))
    throw new UsageError(
      `${label}: "orm" must be an object with "modules" and/or "receivers", got ${describe(entry)}`,
    );
  const orm: OrmSettings = {};
  for (const [key, map] of Object.entries(entry)) {
    if (!(ORM_KEYS as readonly string[]).includes(key)) unknownKey(label, "orm.", key, ORM_KEYS);
    const example =
      key === "modules" ? '{ "@/lib/db": "prisma" }' : '{ "this.userRepository": "typeorm" }';
    if (!isPlainObject(map))
      throw new UsageError(
        `${label}: "orm.${key}" must be an object such as ${example}, got ${describe(map)}`,
      );
    for (const name of Object.keys(map))
      if (name.trim() === "")
        throw new UsageError(`${label}: "orm.${key}" has an empty name; example: ${example}`);
    if (key === "modules") {
      const modules: Record<string, OrmKind> = {};
      for (const [name, kind] of Object.entries(map))
        modules[name] = ormKind(kind, `${label}: "orm.modules" entry ${JSON.stringify(name)}`);
      orm.modules = modules;
    } else {
      orm.receivers = validateReceivers(map, label);
    }
  }
  return orm;
}

function ormKind(value: unknown, where: string, alternative = ""): OrmKind {
  if (typeof value !== "string" || !(ORM_KINDS as readonly string[]).includes(value))
    throw new UsageError(
      `${where} must be one of ${ORM_KINDS.join(", ")}${alternative}, got ${describe(value)}`,
    );
  return value as OrmKind;
}

const WRAPPER_KEYS = ["orm", "methods"] as const;
const WRAPPER_EXAMPLE = '{ "orm": "mongoose", "methods": { "count": "count", "exists": null } }';

/**
 * `orm.receivers`: every key a receiver pattern that can name the receiver of an eager query,
 * every value an ORM (the receiver is that ORM's own object) or a wrapper description.
 */
function validateReceivers(
  map: Record<string, unknown>,
  label: string,
): NonNullable<OrmSettings["receivers"]> {
  const receivers: NonNullable<OrmSettings["receivers"]> = {};
  const seen = new Map<string, string>();
  for (const [name, value] of Object.entries(map)) {
    const where = `${label}: "orm.receivers" entry ${JSON.stringify(name)}`;
    const entry: OrmKind | OrmWrapper = isPlainObject(value)
      ? validateWrapper(value, where)
      : ormKind(
          value,
          where,
          typeof value === "string" ? "" : ` or a wrapper such as ${WRAPPER_EXAMPLE}`,
        );
    const orm = typeof entry === "string" ? entry : entry.orm;
    const problem = receiverKeyProblem(name, orm);
    if (problem)
      throw new UsageError(`${label}: "orm.receivers" key ${JSON.stringify(name)} ${problem}`);
    const normalized = normalizedPattern(name);
    const earlier = seen.get(normalized);
    if (earlier !== undefined)
      throw new UsageError(
        `${label}: "orm.receivers" keys ${JSON.stringify(earlier)} and ${JSON.stringify(name)} name the same receiver; keep one`,
      );
    seen.set(normalized, name);
    receivers[name] = entry;
  }
  return receivers;
}

/** `{ "orm": …, "methods": { <operation>: <method name> | true | null } }` */
function validateWrapper(value: Record<string, unknown>, where: string): OrmWrapper {
  for (const key of Object.keys(value))
    if (!(WRAPPER_KEYS as readonly string[]).includes(key))
      unknownKey(where, "", key, WRAPPER_KEYS);
  if (!("orm" in value))
    throw new UsageError(
      `${where} needs "orm", the ORM the wrapper is in front of: ${WRAPPER_EXAMPLE}`,
    );
  const orm = ormKind(value.orm, `${where}: "orm"`);
  const methods: OrmWrapper["methods"] = {};
  if (value.methods !== undefined) {
    if (!isPlainObject(value.methods))
      throw new UsageError(
        `${where}: "methods" must be an object from lazy operations (${LAZY_OPERATIONS.join(", ")}) to the wrapper's method names, got ${describe(value.methods)}`,
      );
    for (const [operation, method] of Object.entries(value.methods)) {
      if (!(LAZY_OPERATIONS as readonly string[]).includes(operation))
        unknownKey(where, "methods.", operation, LAZY_OPERATIONS, "operation");
      const op = operation as LazyOperation;
      methods[op] = wrapperMethod(method, orm, op, `${where}: "methods.${op}"`);
    }
  }
  return { orm, methods };
}

function wrapperMethod(
  value: unknown,
  orm: OrmKind,
  operation: LazyOperation,
  where: string,
): string | true | null {
  if (value === null) return null;
  const form = LAZY_FORMS[orm][operation];
  if (!form && (value === true || typeof value === "string"))
    throw new UsageError(
      `${where}: lazymod has no ${operation} rewrite for ${orm}, so nothing would use it; remove it (or write null)`,
    );
  if (value === true) return true;
  if (typeof value === "string") {
    if (form && "keeps" in form)
      throw new UsageError(
        `${where}: a ${orm} ${operation} rewrite calls no other method (it relies on ${form.keeps}); write true if the wrapper supports that, or null if it does not`,
      );
    if (!/^[A-Za-z_$][\w$]*$/.test(value))
      throw new UsageError(
        `${where} must be the name of the wrapper's method, such as "count", got ${describe(value)}`,
      );
    return value;
  }
  throw new UsageError(
    `${where} must be the wrapper's method name (a string), true (it works the ${orm} way) or null (it has none), got ${describe(value)}`,
  );
}

const RESERVED = new Set(
  "await break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof let new null return static super switch throw true try typeof var void while with yield".split(
    " ",
  ),
);

/** Why a key can never name a receiver of the ORM's eager queries, if it cannot. */
function receiverKeyProblem(key: string, orm: OrmKind): string | undefined {
  const parsed = parseReceiverPattern(key);
  if ("error" in parsed)
    return `is not a receiver pattern: ${parsed.error}. A pattern is a name or \`this\` followed by \`.name\` and \`()\` steps, such as "this.userRepository" or "this.connection.getRepository()"`;
  const { root, steps } = parsed.pattern;
  if (RESERVED.has(root)) return `starts with \`${root}\`, which cannot be a receiver`;
  // `this.userRepository.find` names the query; the receiver is `this.userRepository`.
  let end = steps.length;
  while (end > 0 && steps[end - 1]!.kind === "call") end--;
  const last = steps[end - 1];
  if (last?.kind === "property" && QUERY_METHODS[orm].has(last.name))
    return `ends in \`${last.name}\`, a ${orm} query method, so it names a query, not the receiver it is called on; write ${JSON.stringify(patternText({ root, steps: steps.slice(0, end - 1) }))}`;
  return undefined;
}

function normalizedPattern(key: string): string {
  const parsed = parseReceiverPattern(key);
  return "pattern" in parsed ? patternText(parsed.pattern) : key;
}

const triggersOf = new WeakMap<OrmSettings, readonly Trigger[]>();

/**
 * Configured ORM modules and receivers are prefilter triggers too: a module's path, and the last
 * name in a receiver pattern (`getRepository` for `this.connection.getRepository()`), which every
 * receiver the pattern names spells out. Computed once per settings object, as every ORM
 * transform asks for every file.
 */
function ormSettingsTriggers(orm: OrmSettings): readonly Trigger[] {
  let triggers = triggersOf.get(orm);
  if (!triggers) {
    triggers = [...Object.keys(orm.modules ?? {}), ...receiverTriggers(orm)].filter(
      (name) => name.length > 0,
    );
    triggersOf.set(orm, triggers);
  }
  return triggers;
}

/** The `orm` key, as every ORM transform declares it. */
export const ORM_SETTINGS: SettingsSpec<OrmSettings> = {
  key: "orm",
  validate: validateOrm,
  triggers: ormSettingsTriggers,
};
