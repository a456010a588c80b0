import { withoutBom } from "./core/text.js";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  LAZY_OPERATIONS,
  type LazyOperation,
  type OrmKind,
  type OrmWrapper,
  type TransformSettings,
} from "./core/context.js";
import { describe, isPlainObject, unknownKey } from "./config-values.js";
import { UsageError } from "./core/errors.js";
import {
  LAZY_FORMS,
  parseReceiverPattern,
  patternText,
  QUERY_METHODS,
} from "../transforms/shared/orm/receivers.js";

/**
 * The `orm` key of lazymod's configuration: project modules that export an ORM client, and
 * receivers (the ORM's own objects, or wrappers in front of one). Apart from the rest of the
 * configuration so that the jscodeshift exports, which the transforms import, can read it too.
 */
export type OrmSettings = NonNullable<TransformSettings["orm"]>;

export const ORM_KINDS = [
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

/** Checks the `orm` value of a configuration; every error names the file (`label`) and the key. */
export function validateOrm(entry: unknown, label: string): OrmSettings {
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

const fromFiles = new Map<string, TransformSettings>();

/**
 * The ORM settings of a configuration file, read synchronously (for the jscodeshift exports,
 * whose transform is a plain function): a lazymod.config.json-style file or a package.json with
 * a `"lazymod"` key. Read once per file.
 */
export function ormSettingsFromFile(file: string): TransformSettings {
  const absolute = path.resolve(file);
  const cached = fromFiles.get(absolute);
  if (cached) return cached;
  let text: string;
  try {
    text = readFileSync(absolute, "utf8");
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(withoutBom(text));
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const isPackage = path.basename(absolute) === "package.json";
  const config = isPackage && isPlainObject(value) ? value.lazymod : value;
  if (isPackage && config === undefined) throw new UsageError(`${file} has no "lazymod" key`);
  if (!isPlainObject(config))
    throw new UsageError(`${file}: must be a JSON object, got ${describe(config)}`);
  const settings: TransformSettings =
    config.orm === undefined ? {} : { orm: validateOrm(config.orm, file) };
  fromFiles.set(absolute, settings);
  return settings;
}
