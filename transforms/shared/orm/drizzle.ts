import {
  isMemberLike,
  methodCallee,
  propertyName,
  skipTypeWrappers,
} from "../../../src/ast/predicates.js";
import { end, start, type TransformContext } from "../../../src/core/context.js";
import { quoteCode } from "../../../src/core/quote.js";
import type { Node } from "../../../src/core/types.js";
import { unchain } from "./chain.js";
import {
  configuredReceiverKind,
  receiverEvidence,
  rootIdentifier,
  transactionParameter,
  type Evidence,
} from "./evidence.js";
import { hasOnlyKeys, isOneLiteral, optionValue, readOptions, withOption } from "./options.js";
import { drizzleOrderColumns, orderTiesFacts } from "./order.js";
import { trueFor, type LazyQuery, type OrmQuery } from "./query.js";

const NO_CURSOR = "the Drizzle query builders this rewrite knows have no cursor";
const JOINS = new Set(["innerJoin", "leftJoin", "rightJoin", "fullJoin", "crossJoin"]);
const AFTER_FROM = new Set([
  "where",
  "orderBy",
  "groupBy",
  "having",
  "limit",
  "offset",
  "$dynamic",
  ...JOINS,
]);
const RELATIONAL_KEYS = new Set([
  "where",
  "with",
  "columns",
  "extras",
  "orderBy",
  "limit",
  "offset",
]);

/**
 * `db.select(…).from(table)…` (awaited, or `.all()` with the synchronous better-sqlite3 driver)
 * and the relational `db.query.table.findMany(options)`.
 */
export function recognizeDrizzle(ctx: TransformContext, node: Node): OrmQuery | undefined {
  return recognizeRelational(ctx, node) ?? recognizeSelect(ctx, node);
}

/** Whether a recognised Drizzle query is the synchronous `.all()` form (not awaited). */
export function isSynchronous(query: OrmQuery): boolean {
  return query.orm === "drizzle" && methodCallee(query.node, ["all"]) !== undefined;
}

function recognizeSelect(ctx: TransformContext, node: Node): OrmQuery | undefined {
  if (node.type !== "CallExpression") return undefined;
  const { links: chain } = unchain(node);
  // `db.select()…`, or a database a configured call gives: `this.dbFor(ctx).select()…`.
  const index = chain.findIndex((l) => l.name === "select" || l.name === "selectDistinct");
  if (index === -1) return undefined;
  const [select, from, ...rest] = chain.slice(index);
  if (!select || !from || from.name !== "from") return undefined;
  const root = select.callee.object;
  if (select.call.arguments.length > 1 || from.call.arguments.length !== 1) return undefined;
  // Drizzle selects an object of columns; Knex's `select("*")` names them with strings.
  const fields = select.call.arguments[0];
  if (fields && fields.type !== "ObjectExpression" && fields.type !== "Identifier")
    return undefined;
  const table = from.call.arguments[0]!;
  // Knex's `knex.select().from("students")` names the table with a string.
  if (table.type === "StringLiteral" || table.type === "SpreadElement") return undefined;
  const terminal = rest[rest.length - 1]?.name === "all" ? rest.pop() : undefined;
  if (rest.some((l) => !AFTER_FROM.has(l.name))) return undefined;
  const evidence = drizzleEvidence(ctx, root, index > 0);
  if (!evidence) return undefined;
  const limit = rest.find((l) => l.name === "limit");
  const where = rest.find((l) => l.name === "where");
  const lastBuilder = rest[rest.length - 1] ?? from;
  const only = (names: readonly string[]) => rest.every((l) => names.includes(l.name));
  return {
    orm: "drizzle",
    evidence,
    node,
    // The database `select` is called on, whatever module or call it came through.
    receiver: { node: root, method: select.name },
    label: quoteCode(ctx.source.slice(start(root), end(from.call))),
    limitedToOne: !!limit && isOneLiteral(limit.call.arguments[0]),
    transaction: transactionParameter(ctx, rootIdentifier(root)),
    noCursor: NO_CURSOR,
    // Same rows array, at most one row in it: every use stays as it is.
    exists: () => (limit ? undefined : limitOneLink("exists", lastBuilder.call)),
    first() {
      if (limit) return undefined;
      const first = limitOneLink("first", lastBuilder.call);
      const order = rest.find((l) => l.name === "orderBy");
      if (order) {
        const code = ctx.source.slice(start(order.callee.property), end(order.call));
        first.facts.push(
          ...orderTiesFacts(ctx, drizzleOrderColumns(order.call.arguments), order.call, code),
        );
      } else first.facts.push({ kind: "unordered", missing: "no `.orderBy()`" });
      return first;
    },
    count() {
      if (terminal || select.name !== "select" || !only(["where", "orderBy"])) return undefined;
      // `select({ n: count() })` returns one row whatever the table holds: plain columns only.
      if (fields && !selectsPlainColumns(fields)) return undefined;
      // `db.$count(table, where)` (drizzle-orm 0.34+)
      const args: Node[] = [table];
      if (where) {
        const condition = where.call.arguments[0];
        if (!condition || where.call.arguments.length !== 1) return undefined;
        args.push(condition);
      }
      return {
        operation: "count",
        result: "number",
        changes: [{ kind: "replace-with-call", receiver: root, method: "$count", args }],
        facts: [{ kind: "needs-version", detail: "Drizzle `$count` is drizzle-orm 0.34+" }],
      };
    },
    select(props) {
      if (select.name !== "select" || select.call.arguments.length > 0) return undefined;
      if (rest.some((l) => JOINS.has(l.name) || l.name === "groupBy")) return undefined;
      const tableName = skipTypeWrappers(table);
      if (tableName.type !== "Identifier") return undefined;
      const fields = { object: props.map((p) => [p, `${tableName.name}.${p}`] as const) };
      return {
        operation: "select",
        result: "rows",
        changes: [{ kind: "add-argument", call: select.call, value: fields }],
        facts: [],
      };
    },
    cursor: () => undefined,
  };
}

/** `….limit(1)` after the last builder call: the same rows array, at most one row in it. */
function limitOneLink(operation: "exists" | "first", last: Node): LazyQuery {
  return {
    operation,
    result: "rows",
    changes: [{ kind: "append", after: last, calls: [{ name: "limit", args: ["1"] }] }],
    facts: [],
  };
}

/** `db.query.students.findMany({ where, … })` */
function recognizeRelational(ctx: TransformContext, node: Node): OrmQuery | undefined {
  const callee = methodCallee(node, ["findMany"]);
  if (!callee || node.type !== "CallExpression" || node.arguments.length > 1) return undefined;
  const table = skipTypeWrappers(callee.object);
  if (!isMemberLike(table) || !isMemberLike(table.object) || propertyName(table.object) !== "query")
    return undefined;
  const arg = node.arguments[0];
  if (arg?.type === "SpreadElement") return undefined;
  const options = readOptions(arg);
  if (options.kind === "opaque" || !hasOnlyKeys(options, RELATIONAL_KEYS)) return undefined;
  const db = table.object.object;
  const evidence = drizzleEvidence(ctx, table, false);
  if (!evidence) return undefined;
  const limit = optionValue(options, "limit");
  return {
    orm: "drizzle",
    evidence,
    node,
    receiver: { node: table, method: "findMany" },
    label: quoteCode(ctx.text(callee)),
    limitedToOne: isOneLiteral(limit),
    transaction: transactionParameter(ctx, rootIdentifier(db)),
    noCursor: NO_CURSOR,
    exists: () => (limit ? undefined : withOption("exists", node, options, ["limit", "1"])),
    first() {
      if (limit) return undefined;
      const first = withOption("first", node, options, ["limit", "1"]);
      const orderBy = optionValue(options, "orderBy");
      if (orderBy)
        first.facts.push(...orderTiesFacts(ctx, drizzleOrderColumns([orderBy]), orderBy));
      else first.facts.push({ kind: "unordered", missing: "no `orderBy`" });
      return first;
    },
    count: () => undefined,
    select(props) {
      if (["columns", "with", "extras"].some((k) => optionValue(options, k))) return undefined;
      return withOption("select", node, options, ["columns", trueFor(props)]);
    },
    cursor: () => undefined,
  };
}

/** `{ id: students.id, name: students.name }` */
function selectsPlainColumns(fields: Node): boolean {
  if (fields.type !== "ObjectExpression") return false;
  return fields.properties.every(
    (p) => p.type === "ObjectProperty" && !p.computed && isMemberLike(p.value) && !p.value.computed,
  );
}

/**
 * `db` in `db.select()…`, or `db.query.students` (configuration may name either). A database of
 * any name counts by its shape; what a call returns (`this.dbFor(ctx).select()…`) only
 * configuration or the project's types can say (`typesOnly`).
 */
function drizzleEvidence(
  ctx: TransformContext,
  db: Node,
  throughCall: boolean,
): Evidence | undefined {
  const configured = configuredReceiverKind(ctx, db);
  if (configured && configured !== "drizzle") return undefined;
  const confirmed = receiverEvidence(ctx, db, "drizzle");
  const detail = "`select().from(table)` or `query.table.findMany`";
  if (throughCall)
    return confirmed?.source === "config"
      ? confirmed
      : {
          source: "shape",
          detail: `${detail} on what a call returns, which only the project's types can say is Drizzle's`,
          typesOnly: true,
        };
  return confirmed ?? { source: "shape", detail };
}
