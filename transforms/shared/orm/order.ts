import type * as t from "@babel/types";
import {
  isCallLike,
  isMemberLike,
  propertyName,
  skipTypeWrappers,
  type CallLike,
} from "../../../src/ast/predicates.js";
import { walk } from "../../../src/ast/walk.js";
import type { TransformContext } from "../../../src/core/context.js";
import { quoteCode } from "../../../src/core/quote.js";
import type { Node } from "../../../src/core/types.js";
import type { LazyFact } from "./query.js";

/**
 * Column names taken to be unique (a primary key by the usual names): an order with one of them
 * among its keys cannot leave two rows tied.
 */
const UNIQUE_COLUMNS = new Set(["id", "_id"]);

/** The columns an order sorts by, as written; undefined when they cannot be read. */
type OrderColumns = readonly string[] | undefined;

/**
 * The fact of a first row taken from an order that may tie (none of its columns is `id`), with
 * the order's code (`order`, `node` by default) for the reason. Among tied rows the one-row query
 * and the full load may see a different one first, and on PostgreSQL they often do (see
 * `first-row-ties`).
 */
export function orderTiesFacts(
  ctx: TransformContext,
  columns: OrderColumns,
  node: Node,
  order = ctx.text(node),
): LazyFact[] {
  if (columns?.some((column) => UNIQUE_COLUMNS.has(column.split(".").pop()!))) return [];
  return [{ kind: "order-ties", order: `\`${quoteCode(order)}\`` }];
}

function keyName(key: t.Node): string | undefined {
  if (key.type === "Identifier") return key.name;
  if (key.type === "StringLiteral") return key.value;
  return undefined;
}

/**
 * `{ age: "desc", id: "asc" }` or a list of such objects (Prisma `orderBy`, TypeORM `order`): the
 * keys; anything else (a variable, a call) cannot be read.
 */
export function objectOrderColumns(node: Node): OrderColumns {
  const inner = skipTypeWrappers(node);
  if (inner.type === "ArrayExpression")
    return concat(inner.elements.map((e) => e && objectOrderColumns(e)));
  if (inner.type !== "ObjectExpression") return undefined;
  const keys: string[] = [];
  for (const prop of inner.properties) {
    const key = prop.type === "ObjectProperty" && !prop.computed ? keyName(prop.key) : undefined;
    if (key === undefined) return undefined;
    keys.push(key);
  }
  return keys;
}

/** Sequelize `order: [["age", "DESC"], ["id", "ASC"]]` (or `["id"]`, `"id"` items): the columns. */
export function sequelizeOrderColumns(node: Node): OrderColumns {
  const inner = skipTypeWrappers(node);
  if (inner.type === "StringLiteral") return [inner.value];
  if (inner.type !== "ArrayExpression") return undefined;
  return concat(
    inner.elements.map((item) => {
      const element = item && skipTypeWrappers(item);
      if (element?.type === "StringLiteral") return [element.value];
      // `["age", "DESC"]`; `[Enrollment, "id", "ASC"]` sorts by another model's column.
      const first = element?.type === "ArrayExpression" ? element.elements[0] : undefined;
      return first?.type === "StringLiteral" ? [first.value] : undefined;
    }),
  );
}

/**
 * Knex `.orderBy("age", "desc")`, `.orderBy(["age", { column: "id" }])`: the columns of one
 * `orderBy` call (`orderByRaw` cannot be read).
 */
export function knexOrderColumns(call: CallLike, method: string): OrderColumns {
  if (method !== "orderBy") return undefined;
  const first = call.arguments[0] && skipTypeWrappers(call.arguments[0]);
  if (first?.type === "StringLiteral") return [first.value];
  if (first?.type !== "ArrayExpression") return undefined;
  return concat(
    first.elements.map((item) => {
      const element = item && skipTypeWrappers(item);
      if (element?.type === "StringLiteral") return [element.value];
      if (element?.type !== "ObjectExpression") return undefined;
      for (const prop of element.properties)
        if (
          prop.type === "ObjectProperty" &&
          keyName(prop.key) === "column" &&
          prop.value.type === "StringLiteral"
        )
          return [prop.value.value];
      return undefined;
    }),
  );
}

/**
 * Drizzle `.orderBy(desc(students.age), asc(students.id))`, `orderBy: (s, { asc }) => [asc(s.id)]`:
 * the columns, the properties read from the table (functions called are not columns); none found
 * (`sql\`…\``) cannot be read.
 */
export function drizzleOrderColumns(nodes: readonly Node[]): OrderColumns {
  const columns: string[] = [];
  for (const root of nodes)
    walk(root, (node, parent) => {
      if (!isMemberLike(node)) return undefined;
      if (isCallLike(parent) && parent.callee === node) return undefined;
      const name = propertyName(node);
      if (name !== undefined) columns.push(name);
      return false;
    });
  return columns.length > 0 ? columns : undefined;
}

/** The columns of several orders, in turn; undefined as soon as one cannot be read. */
export function concat(
  parts: readonly OrderColumns[] | readonly (OrderColumns | null)[],
): OrderColumns {
  const columns: string[] = [];
  for (const part of parts) {
    if (!part) return undefined;
    columns.push(...part);
  }
  return columns;
}
