import type * as t from "@babel/types";
import {
  isCallLike,
  isFunctionNode,
  isIdentifier,
  isMemberLike,
  skipTypeWrappers,
} from "../../../src/ast/predicates.js";
import { walk } from "../../../src/ast/walk.js";
import { end, start, type TransformContext } from "../../../src/core/context.js";
import { quoteCode } from "../../../src/core/quote.js";
import type { Node } from "../../../src/core/types.js";
import { unchain, type ChainLink } from "./chain.js";
import {
  configuredReceiverKind,
  fileOrms,
  receiverEvidence,
  referencePath,
  transactionParameter,
  type Evidence,
} from "./evidence.js";
import { isOneLiteral, isPositiveIntegerLiteral } from "./options.js";
import { concat, knexOrderColumns, orderTiesFacts } from "./order.js";
import type { LazyFact, LazyQuery, OrmQuery, QueryChange } from "./query.js";

const FILTERS = [
  "where",
  "andWhere",
  "orWhere",
  "whereNot",
  "andWhereNot",
  "orWhereNot",
  "whereIn",
  "whereNotIn",
  "orWhereIn",
  "orWhereNotIn",
  "whereNull",
  "whereNotNull",
  "orWhereNull",
  "orWhereNotNull",
  "whereBetween",
  "whereNotBetween",
  "orWhereBetween",
  "orWhereNotBetween",
  "whereLike",
  "whereILike",
  "orWhereLike",
  "orWhereILike",
  "whereRaw",
  "andWhereRaw",
  "orWhereRaw",
  "whereExists",
  "whereNotExists",
  "orWhereExists",
  "orWhereNotExists",
  "from",
  "table",
  "withSchema",
  "transacting",
  "timeout",
  "as",
];
const JOINS = [
  "join",
  "innerJoin",
  "leftJoin",
  "leftOuterJoin",
  "rightJoin",
  "rightOuterJoin",
  "fullOuterJoin",
  "crossJoin",
  "joinRaw",
];
const PROJECTION = ["select", "column", "columns"];
const ORDER = ["orderBy", "orderByRaw"];
/** Links after which the rows are groups or a set, not table rows: no count, no projection. */
const SET_SHAPING = [
  "distinct",
  "distinctOn",
  "groupBy",
  "groupByRaw",
  "having",
  "havingRaw",
  "havingIn",
  "orHaving",
  "union",
  "unionAll",
];
const PAGE = ["limit", "offset"];
const KNOWN = new Set([...FILTERS, ...JOINS, ...PROJECTION, ...ORDER, ...SET_SHAPING, ...PAGE]);
/** Names a Knex instance usually has, for recognising it without an import. */
const KNEX_NAME = /^(knex|db|trx|tx|database|connection|conn|k)$/i;

/**
 * `knex("students").where(…)…` (also `db(…)`, `trx(…)`, `this.knex(…)`) and
 * `knex.select(…).from("students")…`, built only from selecting methods (no `first`, `pluck`,
 * aggregates, writes, locks or `modify`).
 */
export function recognizeKnex(ctx: TransformContext, node: Node): OrmQuery | undefined {
  if (node.type !== "CallExpression") return undefined;
  const { root, links } = unchain(node);
  const base = knexBase(root, links);
  if (!base) return undefined;
  if (base.links.some((l) => !KNOWN.has(l.name))) return undefined;
  if (!base.table && !isKnexFrom(base.links)) return undefined;
  const evidence = knexEvidence(ctx, base);
  if (!evidence) return undefined;
  const limit = base.links.find((l) => l.name === "limit");
  const transacting = base.links.find((l) => l.name === "transacting");
  const has = (names: readonly string[]) => base.links.some((l) => names.includes(l.name));
  return {
    orm: "knex",
    evidence,
    node,
    // The Knex instance itself, whatever module or call it came through.
    receiver: { node: base.instance },
    label: quoteCode(ctx.source.slice(start(base.instance), end(base.head))),
    limitedToOne: !!limit && isOneLiteral(limit.call.arguments[0]),
    transaction:
      transactionParameter(ctx, isIdentifier(base.instance) ? base.instance : undefined) ??
      (transacting
        ? `.transacting(${quoteCode(ctx.text(transacting.call.arguments[0] ?? transacting.call))})`
        : undefined),
    exists: () => firstRow(ctx, "exists", node, limit, []),
    first: () =>
      firstRow(
        ctx,
        "first",
        node,
        limit,
        base.links.filter((l) => ORDER.includes(l.name)),
      ),
    count() {
      if (has(SET_SHAPING) || has(PAGE)) return undefined;
      // `select(knex.raw("count(*)"))` returns one row whatever the table holds.
      const projections = base.links.filter((l) => PROJECTION.includes(l.name));
      if (projections.some((l) => l.call.arguments.some((a) => a.type !== "StringLiteral")))
        return undefined;
      // A count selects nothing else, and PostgreSQL rejects ORDER BY next to an aggregate.
      const changes: QueryChange[] = base.links
        .filter((l) => PROJECTION.includes(l.name) || ORDER.includes(l.name))
        .map((link) => ({ kind: "remove-link", link }));
      const count = { name: "count", args: [{ object: [["count", { string: "*" }] as const] }] };
      changes.push({ kind: "append", after: node, calls: [count, { name: "first", args: [] }] });
      return {
        operation: "count",
        result: "count-row",
        changes,
        facts: [{ kind: "count-row", orm: "Knex" }],
      };
    },
    select(props) {
      if (has(PROJECTION) || has(SET_SHAPING) || has(JOINS)) return undefined;
      const mapped = props.filter((p) => /[A-Z]/.test(p));
      const columns = { name: "select", args: props.map((p) => ({ string: p })) };
      return {
        operation: "select",
        result: "rows",
        changes: [{ kind: "append", after: node, calls: [columns] }],
        facts: mapped.length > 0 ? [{ kind: "mapped-columns", props: mapped }] : [],
      };
    },
    cursor(loop) {
      if (awaitsInside(loop.body))
        return {
          refused:
            "the loop body awaits, and a Knex stream holds a pooled connection meanwhile (a small pool can deadlock)",
        };
      return {
        operation: "cursor",
        result: "rows",
        changes: [{ kind: "append", after: node, calls: [{ name: "stream", args: [] }] }],
        facts: [
          { kind: "holds-connection", by: "Knex stream" },
          { kind: "postgres-stream-package", by: "Knex's `.stream()`" },
        ],
      };
    },
  };
}

/** `.first()` sets `limit 1` (over any larger limit) and resolves to the row or undefined. */
function firstRow(
  ctx: TransformContext,
  operation: "exists" | "first",
  node: Node,
  limit: ChainLink | undefined,
  order: readonly ChainLink[],
): LazyQuery | undefined {
  if (limit && !isPositiveIntegerLiteral(limit.call.arguments[0])) return undefined;
  const facts: LazyFact[] = [];
  if (operation === "first" && order.length === 0)
    facts.push({ kind: "unordered", missing: "no `orderBy`" });
  else if (operation === "first") {
    const columns = concat(order.map((l) => knexOrderColumns(l.call, l.name)));
    const code = ctx.source.slice(start(order[0]!.callee.property), end(order.at(-1)!.call));
    facts.push(...orderTiesFacts(ctx, columns, node, code));
  }
  return {
    operation,
    result: "row-or-undefined",
    changes: [{ kind: "append", after: node, calls: [{ name: "first", args: [] }] }],
    facts,
  };
}

/** `await`, `yield` or `for await` in the loop body, outside nested functions. */
function awaitsInside(body: Node): boolean {
  let found = false;
  walk(body, (node) => {
    if (found || isFunctionNode(node)) return false;
    if (node.type === "AwaitExpression" || node.type === "YieldExpression") found = true;
    if (node.type === "ForOfStatement" && node.await) found = true;
    return undefined;
  });
  return found;
}

/**
 * `knex.from("t")`, `knex.select(…).from("t")`, or a table expression after a `select` of column
 * names (`trx.select("*").from(tableName)`), which Drizzle would not write.
 */
function isKnexFrom(links: readonly ChainLink[]): boolean {
  const from = links.find((l) => l.name === "from" || l.name === "table");
  if (!from) return false;
  if (from.call.arguments[0]?.type === "StringLiteral") return true;
  const select = links[0]?.name === "select" ? links[0] : undefined;
  return (
    !!select &&
    select.call.arguments.length > 0 &&
    select.call.arguments.every((a) => a.type === "StringLiteral")
  );
}

interface KnexBase {
  /** `knex` in `knex("t")` / `knex.from("t")`. */
  instance: Node;
  /** The table argument of `knex("t")`. */
  table?: t.StringLiteral;
  /** The chain links after the base. */
  links: ChainLink[];
  /** Where the query's name ends, for messages: `knex("t")`, `knex.select(…).from("t")`. */
  head: Node;
  /** The instance is what a call returns (`this.db.forTenant(ctx)`): configuration must name it. */
  throughCall: boolean;
  /** A property called with a table (`this.knex("t")`): its name, or configuration, must say Knex. */
  byName?: string;
}

const CHAIN_HEADS = new Set(["from", "table", "select"]);

/**
 * `knex("t")…` or `knex.select(…).from("t")…`, `knex.from("t")…`; the instance may be a call
 * (`this.db.forTenant(ctx)("t")`, `this.db.forTenant(ctx).from("t")`).
 */
function knexBase(root: Node, links: ChainLink[]): KnexBase | undefined {
  const inner = skipTypeWrappers(root);
  if (inner.type === "CallExpression") {
    const [table, ...rest] = inner.arguments;
    if (table?.type !== "StringLiteral" || rest.length > 0) return undefined;
    const callee = inner.callee;
    if (!isIdentifier(callee) && !isMemberLike(callee) && !isCallLike(callee)) return undefined;
    return { instance: callee, table, links, head: inner, throughCall: isCallLike(callee) };
  }
  // `this.knex("t")…`, `ctx.trx("t")…`: the table call is the chain's first link, on a property
  // named like a Knex instance (or configured: see knexEvidence).
  const [first] = links;
  const [table, ...others] = first?.call.arguments ?? [];
  if (first && !KNOWN.has(first.name) && table?.type === "StringLiteral" && others.length === 0)
    return {
      byName: first.name,
      instance: first.callee,
      table,
      links: links.slice(1),
      head: first.call,
      throughCall: false,
    };
  const index = links.findIndex((l) => CHAIN_HEADS.has(l.name));
  if (index === -1) return undefined;
  if (index === 0 && referencePath(inner) === undefined) return undefined;
  const instance = index === 0 ? inner : links[index - 1]!.call;
  const rest = links.slice(index);
  const from = rest.find((l) => l.name === "from" || l.name === "table") ?? rest[0]!;
  return { instance, links: rest, head: from.call, throughCall: index > 0 };
}

/**
 * What says the instance is Knex: configuration; what the file says of it (not of what a call
 * returns, nor of a property whose name is not Knex's); its usual name, when the file imports no
 * ORM (`db` is also Drizzle's usual name). Otherwise (`reports("t")` imported from a wrapper
 * module, `this.database.forTenant(t)("t")`) only the project's types can say it (`typesOnly`).
 */
function knexEvidence(ctx: TransformContext, base: KnexBase): Evidence | undefined {
  const { instance, throughCall, byName } = base;
  const configured = configuredReceiverKind(ctx, instance);
  if (configured && configured !== "knex") return undefined;
  const confirmed = receiverEvidence(ctx, instance, "knex");
  if (confirmed?.source === "config") return confirmed;
  const path = referencePath(instance);
  const named = !throughCall && KNEX_NAME.test(byName ?? path?.split(".").pop() ?? "");
  if (confirmed && !throughCall && (byName === undefined || named)) return confirmed;
  const shown = path ?? ctx.text(instance);
  const head = base.table ? `${shown}("table")` : `${shown}.from("table")`;
  const detail = `\`${quoteCode(head)}\` with Knex query methods`;
  if (named && fileOrms(ctx).kinds.size === 0) return { source: "shape", detail };
  return {
    source: "shape",
    detail: `${detail}, which only the project's types can say is Knex`,
    typesOnly: true,
  };
}
