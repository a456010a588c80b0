import type * as t from "@babel/types";
import type { CallLike, MemberLike } from "../../../src/ast/predicates.js";
import type { Node } from "../../../src/core/types.js";
import type { ChainLink } from "./chain.js";
import type { Evidence } from "./evidence.js";
import type { LiteralOptions, NoOptions, OpaqueCause } from "./options.js";
import type { LazyOperation, OrmKind } from "./settings.js";

/**
 * An eager ORM load, as one ORM's adapter recognised it: a call whose awaited value is every
 * matching row. Each lazy operation is a method of its own, which says whether this query has a
 * lazy form for it and what that form is (the match data); the transforms weigh that form in
 * assess (`lazyQueryReasons`) and write it in fix (`lazyCall`, `siteRewrites`).
 */
export interface OrmQuery {
  orm: OrmKind;
  evidence: Evidence;
  /** The eager expression (the outermost call of the chain). */
  node: CallLike;
  /**
   * What types are asked about (`typedQuery`): the object the eager method is called on and the
   * method (`prisma.user`, `findMany`), or, for a query builder chain (Knex, Drizzle's select),
   * the query itself and no method.
   */
  receiver: { node: Node; method?: string };
  /** Short text naming the query, for messages: `prisma.student.findMany`. */
  label: string;
  /** Already asks for at most one row (`take: 1`, `.limit(1)`): nothing to gain. */
  limitedToOne: boolean;
  /**
   * Types say the receiver is a model of a client extended with `$extends` (whose query
   * extensions may narrow the eager operation but not the lazy one): how it reads.
   */
  extendedClient?: string;
  /** The transaction the query runs in, if it visibly does: `tx`, `transaction: t`… */
  transaction?: string;
  /** Why this ORM has no cursor or stream lazymod can write: a loop over its rows is reported. */
  noCursor?: string;
  /** Whether there is any matching row. */
  exists(): LazyQuery | undefined;
  /** How many rows match. */
  count(): LazyQuery | undefined;
  /** The first matching row. */
  first(): LazyQuery | undefined;
  /** The rows with only these properties (sorted). */
  select(props: readonly string[]): LazyQuery | undefined;
  /** The rows one at a time, for this loop; or why not, for it. */
  cursor(loop: t.ForOfStatement): LazyQuery | Refusal | undefined;
}

/** The lazy operations of an OrmQuery. */
type LazyOperations = Pick<OrmQuery, "exists" | "count" | "first" | "select" | "cursor">;

/**
 * The query's lazy operations, each lazy query it has passed through `map` (a cursor's refusal
 * kept as it is): for what judges the lazy queries of any ORM (types, a configured wrapper).
 */
export function mapLazyQueries(
  query: OrmQuery,
  map: (operation: LazyOperation, lazy: LazyQuery) => LazyQuery | undefined,
): LazyOperations {
  const each = (operation: LazyOperation, lazy: LazyQuery | undefined) =>
    lazy && map(operation, lazy);
  return {
    exists: () => each("exists", query.exists()),
    count: () => each("count", query.count()),
    first: () => each("first", query.first()),
    select: (props) => each("select", query.select(props)),
    cursor(loop) {
      const lazy = query.cursor(loop);
      return lazy && "refused" in lazy ? lazy : each("cursor", lazy);
    },
  };
}

/** Why an operation has no lazy query here, said in a finding that is reported only. */
interface Refusal {
  refused: string;
}

/**
 * The lazy query that answers an operation in place of the eager load: what it calls, what it
 * changes in the eager call, what it evaluates to, and what can make it differ (for assess).
 */
export interface LazyQuery {
  operation: LazyOperation;
  result: LazyResult;
  /**
   * The other method of the receiver it calls, under the ORM's name (`count` for `findMany`); a
   * configured wrapper's own name replaces it (see `onWrapper`).
   */
  method?: { callee: MemberLike; name: string };
  /** The rest of what turns the eager call into the lazy one, inside the eager call. */
  changes: QueryChange[];
  /** Set when the lazy query is another operation, for hooks: "`count` instead of `findMany`". */
  replaces?: string;
  /** What can make its answer differ from the eager load's, in the order they are reported. */
  facts: LazyFact[];
}

/**
 * What `await <lazy call>` evaluates to:
 * - rows: still an array (the query was limited to one row), so the uses stay as they are;
 * - number, boolean: a count, an existence flag;
 * - row-or-null / row-or-undefined: the first row, or that value when none matched;
 * - doc-or-null: Mongoose `exists` (`{ _id }` or `null` since v6; `true`/`false` before);
 * - count-row: Knex `{ count }`, read with `Number(….count)`.
 */
export type LazyResult =
  "rows" | "number" | "boolean" | "row-or-null" | "row-or-undefined" | "doc-or-null" | "count-row";

/** One change to the eager call; `lazyCall` writes them in the file's style. */
export type QueryChange =
  /** `repo.findBy(w)` → `repo.find(…)`: a method renamed that is no lazy method of its own. */
  | { kind: "rename"; callee: MemberLike; name: string }
  /**
   * Keys of an options object dropped and entries added after the last one kept; without options,
   * the object is added as the call's next argument.
   */
  | {
      kind: "options";
      call: CallLike;
      options: LiteralOptions | NoOptions;
      drop?: ReadonlySet<string>;
      add?: readonly Entry[];
    }
  /** `find(filter, "name")` → `find(filter)`: an argument, with the comma before it. */
  | { kind: "remove-argument"; previous: Node; argument: Node }
  /** `find()` → `find({})` */
  | { kind: "add-argument"; call: CallLike; value: Written }
  /** `findBy(where)` → `find({ where: where, select: {…} })` */
  | { kind: "wrap-argument"; argument: Node; key: string; add: readonly Entry[] }
  /** `.sort(s)` dropped from the chain. */
  | { kind: "remove-link"; link: ChainLink }
  /** `.first()`, `.limit(1)` added to the chain after `after`. */
  | { kind: "append"; after: Node; calls: readonly WrittenCall[] }
  /** The whole query becomes `receiver.method(args…)`: `db.$count(table, where)`. */
  | { kind: "replace-with-call"; receiver: Node; method: string; args: readonly Node[] };

/** Code the lazy query adds, written by the fix in the file's style (quotes, bracket spacing). */
export type Written =
  /** Code as it is: `1`, `true`, `users.email`. */
  string | { string: string } | { object: readonly Entry[] } | { array: readonly Written[] };

export type Entry = readonly [key: string, value: Written];

/** `{ a: true, b: true }`: how Prisma's `select`, TypeORM's `select` and Drizzle's `columns` name columns. */
export function trueFor(names: readonly string[]): Written {
  return { object: names.map((name) => [name, "true"] as const) };
}

/** `.name(args…)` */
interface WrittenCall {
  name: string;
  args: readonly Written[];
}

/**
 * What can make the lazy query's answer differ from the eager load's; each is one risk reason
 * (see `factReason`).
 */
export type LazyFact =
  /** Nothing orders the rows, so "the first" is whichever comes: what is missing. */
  | { kind: "unordered"; missing: string }
  /** The rows are ordered, but by columns that may tie (no `id` among them): the order's code. */
  | { kind: "order-ties"; order: string }
  /** The lazy method needs a newer version of the ORM than the eager one. */
  | { kind: "needs-version"; detail: string }
  /** Pagination keys of the options that the lazy query ignores. */
  | { kind: "ignores-pagination"; keys: readonly string[] }
  /** Options whose keys cannot be checked, and why. */
  | { kind: "opaque-options"; cause: OpaqueCause }
  /** The lazy method throws where the eager one did not: when. */
  | { kind: "may-throw"; when: string }
  /** The rows are the ORM's objects, which a projection leaves incomplete: which objects. */
  | { kind: "partial-objects"; objects: string }
  /** The query joins related rows through this key. */
  | { kind: "joins-rows"; key: string }
  /** The cursor or stream holds a database connection while the loop runs: which. */
  | { kind: "holds-connection"; by: string }
  /** The stream needs `pg-query-stream` on PostgreSQL: which stream. */
  | { kind: "postgres-stream-package"; by: string }
  /** The count comes back as a row, read with `Number(…)`: the ORM's name. */
  | { kind: "count-row"; orm: string }
  /** Properties whose column names the ORM may map (camelCase to snake_case). */
  | { kind: "mapped-columns"; props: readonly string[] }
  /** Types show the receiver has every method the lazy query calls: which (a proof). */
  | { kind: "method-typed"; detail: string }
  /** Types show the receiver lacks a method the lazy query calls, or overrides it: what. */
  | { kind: "method-unavailable"; detail: string }
  /** The query's receiver is a configured wrapper that does not say it has this operation. */
  | {
      kind: "wrapper-method-unknown";
      key: string;
      orm: OrmKind;
      operation: LazyOperation;
      /** The method the lazy query calls on it, the ORM's name; absent when it calls none. */
      calls?: string;
    };
