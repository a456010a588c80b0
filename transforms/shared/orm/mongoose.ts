import { skipTypeWrappers } from "../../../src/ast/predicates.js";
import { end, type TransformContext } from "../../../src/core/context.js";
import { quoteCode } from "../../../src/core/quote.js";
import type { Node, RiskReason } from "../../../src/core/types.js";
import {
  configuredReceiverKind,
  fileOrms,
  receiverEvidence,
  referencePath,
  rootIdentifier,
  type Evidence,
} from "./evidence.js";
import {
  editedPieces,
  insertAfter,
  isOneLiteral,
  ormMethodName,
  removeLink,
  renameMethod,
  transactionParameter,
  unchain,
  type ChainLink,
  type Edit,
  type Goal,
  type OrmQuery,
  type Plan,
} from "./query.js";
import { OrmRisk } from "./risk.js";
import { stringLiteral } from "../../../src/fix/index.js";

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
  return {
    orm: "mongoose",
    evidence,
    node,
    label: quoteCode(ctx.text(find.callee)),
    limitedToOne: !!limit && isOneLiteral(limit.call.arguments[0]),
    transaction:
      transactionParameter(ctx, rootIdentifier(model)) ??
      (session
        ? `.session(${quoteCode(ctx.text(session.call.arguments[0] ?? session.call))})`
        : undefined),
    plan(goal: Goal, method = ormMethodName): Plan | undefined {
      const paginated = after.filter((l) => PAGINATION.has(l.name));
      const sorted = after.some((l) => l.name === "sort");
      const hooks = (name: string) => `\`${name}\` middleware instead of \`find\` middleware`;
      switch (goal.kind) {
        case "exists":
        case "count": {
          if (paginated.length > 0) return undefined;
          const name = goal.kind === "exists" ? "exists" : "countDocuments";
          const edits: Edit[] = [
            renameMethod(find.callee, method(name)),
            ...withoutProjection(find),
          ];
          // `exists` needs a filter; `countDocuments()` counts everything.
          if (!filter && goal.kind === "exists")
            edits.push({ start: end(find.call) - 1, end: end(find.call) - 1, text: "{}" });
          for (const link of after) if (SHAPING.has(link.name)) edits.push(removeLink(link));
          return {
            call: editedPieces(node, edits),
            result: goal.kind === "exists" ? "doc-or-null" : "number",
            reasons: [],
            operationChange: hooks(goal.kind === "exists" ? "findOne" : "countDocuments"),
          };
        }
        case "first": {
          if (paginated.some((l) => l.name === "limit")) return undefined;
          const reasons: RiskReason[] = sorted
            ? []
            : [{ id: OrmRisk["first-row-order"], detail: "no `.sort()`" }];
          return {
            call: editedPieces(node, [renameMethod(find.callee, method("findOne"))]),
            result: "row-or-null",
            reasons,
            operationChange: hooks("findOne"),
          };
        }
        case "select": {
          if (args.length > 1 || after.some((l) => l.name === "select")) return undefined;
          const lean = after.some((l) => l.name === "lean");
          return {
            call: editedPieces(node, [
              insertAfter(ctx, find.call, `.select(${stringLiteral(ctx, goal.props.join(" "))})`),
            ]),
            result: "rows",
            reasons: lean
              ? []
              : [
                  {
                    id: OrmRisk["projection-drops-fields"],
                    detail: "Mongoose documents (not `.lean()`)",
                  },
                ],
          };
        }
        case "cursor": {
          // `for await (const doc of User.find(f).cursor())`: no `.exec()` on the way.
          const edits: Edit[] = after.filter((l) => l.name === "exec").map(removeLink);
          edits.push(insertAfter(ctx, node, ".cursor()"));
          return {
            call: editedPieces(node, edits),
            result: "rows",
            reasons: [{ id: OrmRisk["cursor-holds-connection"], detail: "Mongoose cursor" }],
          };
        }
      }
    },
  };
}

/** Removes a `projection` second argument (irrelevant to `exists` and `countDocuments`). */
function withoutProjection(find: ChainLink): Edit[] {
  const [filter, projection] = find.call.arguments;
  return filter && projection ? [{ start: end(filter), end: end(projection), text: "" }] : [];
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
  const path = referencePath(model);
  const last = path?.split(".").pop() ?? "";
  // A model is `User`, `db.User` or `this.userModel`; `_.find`/`R.find` are utility libraries.
  const modelLike = MODEL_NAME.test(last) || /^[A-Z][A-Za-z0-9]+$/.test(last);
  if (!modelLike) return undefined;
  if (confirmed && !fileOrms(ctx).kinds.has("typeorm")) return confirmed;
  if (after.some((l) => MONGOOSE_ONLY.has(l.name)) || MODEL_NAME.test(last))
    return { source: "shape", detail: "`find` on a model with Mongoose query methods" };
  return undefined;
}
