import { skipTypeWrappers } from "../../../src/ast/predicates.js";
import type { TransformContext } from "../../../src/core/context.js";
import { quoteCode } from "../../../src/core/quote.js";
import type { Node } from "../../../src/core/types.js";
import { unchain, type ChainLink } from "./chain.js";
import {
  configuredReceiverKind,
  receiverEvidence,
  referencePath,
  rootIdentifier,
  transactionParameter,
  type Evidence,
} from "./evidence.js";
import { isOneLiteral } from "./options.js";
import type { LazyQuery, OrmQuery, QueryChange } from "./query.js";

/** Query methods that shape the documents but not which ones match. */
const SHAPING = new Set(["lean", "select", "sort", "populate"]);
/** Kept on every lazy query: execution and the transaction's session. */
const KEPT = new Set(["exec", "session"]);
const PAGINATION = new Set(["limit", "skip"]);
/** Only Mongoose queries have these. */
const MONGOOSE_ONLY = new Set(["lean", "exec", "populate"]);
const MODEL_NAME = /(^|[a-z])Model$/;

/**
 * `User.find(filter[, projection])` with `.lean()`, `.select()`, `.sort()`, `.populate()`,
 * `.session()`, `.limit()`, `.skip()`, `.exec()` after it; a third `options` argument is not
 * handled.
 */
export function recognizeMongoose(ctx: TransformContext, node: Node): OrmQuery | undefined {
  if (node.type !== "CallExpression") return undefined;
  const { links } = unchain(node);
  // `User.find(…)…`, or a model a configured call gives: `this.models.get("User").find(…)`.
  const findIndex = links.findIndex((l) => l.name === "find");
  if (findIndex === -1) return undefined;
  const find = links[findIndex]!;
  const after = links.slice(findIndex + 1);
  if (after.some((l) => !SHAPING.has(l.name) && !KEPT.has(l.name) && !PAGINATION.has(l.name)))
    return undefined;
  const args = find.call.arguments;
  if (args.length > 2 || args.some((a) => a.type === "SpreadElement")) return undefined;
  const filter = args[0] && skipTypeWrappers(args[0]);
  if (filter && (filter.type === "ArrowFunctionExpression" || filter.type === "FunctionExpression"))
    return undefined;
  if (filter?.type === "StringLiteral" || filter?.type === "NumericLiteral") return undefined;
  const model = skipTypeWrappers(find.callee.object);
  const evidence = mongooseEvidence(ctx, model, after, findIndex > 0);
  if (!evidence) return undefined;
  const limit = after.find((l) => l.name === "limit");
  const session = after.find((l) => l.name === "session");
  // `exists` and `countDocuments` take no `.limit()` or `.skip()`.
  const paginated = after.some((l) => PAGINATION.has(l.name));
  const sorted = after.some((l) => l.name === "sort");
  return {
    orm: "mongoose",
    evidence,
    node,
    receiver: { node: model, method: "find" },
    label: quoteCode(ctx.text(find.callee)),
    limitedToOne: !!limit && isOneLiteral(limit.call.arguments[0]),
    transaction:
      transactionParameter(ctx, rootIdentifier(model)) ??
      (session
        ? `.session(${quoteCode(ctx.text(session.call.arguments[0] ?? session.call))})`
        : undefined),
    exists: () => (paginated ? undefined : countLike("exists", find, after)),
    count: () => (paginated ? undefined : countLike("count", find, after)),
    first() {
      if (limit) return undefined;
      return {
        operation: "first",
        result: "row-or-null",
        method: { callee: find.callee, name: "findOne" },
        changes: [],
        replaces: middleware("findOne"),
        facts: sorted ? [] : [{ kind: "unordered", missing: "no `.sort()`" }],
      };
    },
    select(props) {
      if (args.length > 1 || after.some((l) => l.name === "select")) return undefined;
      const lean = after.some((l) => l.name === "lean");
      const select = { name: "select", args: [{ string: props.join(" ") }] };
      return {
        operation: "select",
        result: "rows",
        changes: [{ kind: "append", after: find.call, calls: [select] }],
        facts: lean
          ? []
          : [{ kind: "partial-objects", objects: "Mongoose documents (not `.lean()`)" }],
      };
    },
    cursor() {
      // `for await (const doc of User.find(f).cursor())`: no `.exec()` on the way.
      const changes: QueryChange[] = after
        .filter((l) => l.name === "exec")
        .map((link) => ({ kind: "remove-link", link }));
      changes.push({ kind: "append", after: node, calls: [{ name: "cursor", args: [] }] });
      return {
        operation: "cursor",
        result: "rows",
        changes,
        facts: [{ kind: "holds-connection", by: "Mongoose cursor" }],
      };
    },
  };
}

/**
 * `exists(filter)` (`{}` when there is none: it needs one) or `countDocuments(filter)`, without
 * the projection and the methods that shape the documents.
 */
function countLike(
  operation: "exists" | "count",
  find: ChainLink,
  after: readonly ChainLink[],
): LazyQuery {
  const [filter, projection] = find.call.arguments;
  const changes: QueryChange[] = [];
  // The projection means nothing to `exists` and `countDocuments`.
  if (filter && projection)
    changes.push({ kind: "remove-argument", previous: filter, argument: projection });
  if (!filter && operation === "exists")
    changes.push({ kind: "add-argument", call: find.call, value: { object: [] } });
  for (const link of after) if (SHAPING.has(link.name)) changes.push({ kind: "remove-link", link });
  return {
    operation,
    result: operation === "exists" ? "doc-or-null" : "number",
    method: { callee: find.callee, name: operation === "exists" ? "exists" : "countDocuments" },
    changes,
    replaces: middleware(operation === "exists" ? "findOne" : "countDocuments"),
    facts: [],
  };
}

/** The middleware that runs for the lazy query, for hooks. */
function middleware(name: string): string {
  return `\`${name}\` middleware instead of \`find\` middleware`;
}

function mongooseEvidence(
  ctx: TransformContext,
  model: Node,
  after: readonly ChainLink[],
  throughCall: boolean,
): Evidence | undefined {
  const configured = configuredReceiverKind(ctx, model);
  if (configured && configured !== "mongoose") return undefined;
  const confirmed = receiverEvidence(ctx, model, "mongoose");
  if (confirmed?.source === "config") return confirmed;
  // Only configuration says what a call returns: `x.where(…).find()` is no model's `find`.
  if (throughCall) return undefined;
  // What the file says of the receiver itself (`userModel: Model<User>`) is enough.
  if (confirmed) return confirmed;
  const path = referencePath(model);
  const last = path?.split(".").pop() ?? "";
  // A model is `User`, `db.User` or `this.userModel`; `_.find`/`R.find` are utility libraries.
  const modelLike = MODEL_NAME.test(last) || /^[A-Z][A-Za-z0-9]+$/.test(last);
  if (!modelLike) return undefined;
  if (after.some((l) => MONGOOSE_ONLY.has(l.name)) || MODEL_NAME.test(last))
    return { source: "shape", detail: "`find` on a model with Mongoose query methods" };
  return undefined;
}
