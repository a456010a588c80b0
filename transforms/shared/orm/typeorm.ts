import type * as t from "@babel/types";
import {
  isCallLike,
  isIdentifier,
  isMemberLike,
  methodCallee,
  propertyName,
  skipTypeWrappers,
} from "../../../src/ast/predicates.js";
import { end, start, type TransformContext } from "../../../src/core/context.js";
import { quoteCode } from "../../../src/core/quote.js";
import type { Node, RiskReason } from "../../../src/core/types.js";
import {
  configuredReceiverKind,
  receiverEvidence,
  referencePath,
  rootIdentifier,
  type Evidence,
} from "./evidence.js";
import {
  editedPieces,
  hasOnlyKeys,
  isOneLiteral,
  optionsEdits,
  opaqueOptionsReasons,
  optionValue,
  ormMethodName,
  readOptions,
  renameMethod,
  transactionParameter,
  type Edit,
  type Goal,
  type OrmQuery,
  type Options,
  type Plan,
} from "./query.js";
import { OrmRisk } from "./risk.js";
import { indentedOnce, objectLiteral } from "../../../src/fix/index.js";

/** FindManyOptions keys; `lock` is left out on purpose (locking rows may be the point). */
const FIND_KEYS = new Set([
  "where",
  "relations",
  "relationLoadStrategy",
  "order",
  "select",
  "take",
  "skip",
  "withDeleted",
  "cache",
  "loadEagerRelations",
  "loadRelationIds",
  "comment",
  "transaction",
  "join",
]);
/** Keys a literal must use for a bare `x.find({…})` to look like TypeORM without an import. */
const DISTINCTIVE_KEYS = new Set(["where", "relations", "order", "select", "take", "skip"]);

const REPOSITORY_NAME = /(^|[a-z])(Repository|Repo|repository|repo)$/;
const MANAGER_NAME = /(^|[a-z])(Manager|manager)$|^em$/;

/**
 * `repo.find(options)` / `repo.findBy(where)` on a repository (`getRepository(E)`, a variable or
 * field named `…Repository`), and `manager.find(Entity, options)` / `manager.findBy(Entity, where)`.
 */
export function recognizeTypeOrm(ctx: TransformContext, node: Node): OrmQuery | undefined {
  const callee = methodCallee(node, ["find", "findBy"]);
  if (!callee || node.type !== "CallExpression") return undefined;
  if (node.arguments.some((a) => a.type === "SpreadElement")) return undefined;
  const eager = callee.property.name as "find" | "findBy";
  const receiver = skipTypeWrappers(callee.object);
  const manager =
    isManager(ctx, receiver) && node.arguments.length >= 1 && isEntityReference(node.arguments[0]!);
  const optionsIndex = manager ? 1 : 0;
  if (node.arguments.length > optionsIndex + 1) return undefined;
  if (eager === "findBy" && node.arguments.length !== optionsIndex + 1) return undefined;
  const arg = node.arguments[optionsIndex] as Node | undefined;
  if (arg && isFunctionArgument(arg)) return undefined; // `Array.prototype.find(cb)`
  const options = eager === "find" ? readOptions(arg) : ({ kind: "none" } as Options);
  if (!hasOnlyKeys(options, FIND_KEYS)) return undefined;
  const evidence = typeOrmEvidence(ctx, receiver, manager, eager, options);
  if (!evidence) return undefined;
  const label = quoteCode(ctx.text(callee));
  const take = optionValue(options, "take");
  const transaction =
    transactionParameter(ctx, rootIdentifier(receiver)) ??
    (optionValue(options, "transaction") ? "the `transaction` option" : undefined);
  return {
    orm: "typeorm",
    evidence,
    node,
    label,
    limitedToOne: isOneLiteral(take),
    transaction,
    plan(goal: Goal, method = ormMethodName): Plan | undefined {
      // `count` ignores `take` and `skip`, `exists` ignores `skip` (`findOne` honours it).
      const pagination = (keys: readonly string[]): RiskReason[] => {
        const present = keys.filter((k) => optionValue(options, k));
        return present.length > 0
          ? [
              {
                id: OrmRisk["pagination-dropped"],
                detail: present.map((k) => `\`${k}\``).join(", "),
              },
            ]
          : [];
      };
      const opaque = opaqueOptionsReasons(ctx, options);
      const lazyName = (base: "exists" | "count" | "findOne") =>
        eager === "findBy" ? `${base}By` : base;
      const renamed = (name: string): Plan["call"] =>
        editedPieces(node, [renameMethod(callee, method(name))]);
      switch (goal.kind) {
        case "exists":
          return {
            call: renamed(lazyName("exists")),
            result: "boolean",
            reasons: [
              {
                id: OrmRisk["orm-api-version"],
                detail: `TypeORM \`${lazyName("exists")}\` is 0.3.18+ (0.3.11–0.3.17 call it \`exist\`)`,
              },
              ...pagination(["skip"]),
              ...opaque,
            ],
          };
        case "count": {
          // `order` and `select` mean nothing to a count.
          const edits: Edit[] = [renameMethod(callee, method(lazyName("count")))];
          if (options.kind === "literal")
            edits.push(
              ...optionsEdits(ctx, node, options, optionsIndex, new Set(["order", "select"]), []),
            );
          return {
            call: editedPieces(node, edits),
            result: "number",
            reasons: [...pagination(["take", "skip"]), ...opaque],
          };
        }
        case "first": {
          const reasons: RiskReason[] = [...opaque];
          if (eager === "find") {
            // `findOne` throws without `where` ("You must provide selection conditions").
            if (options.kind === "none") return undefined;
            if (options.kind === "literal" && !optionValue(options, "where")) return undefined;
            if (options.kind === "opaque")
              reasons.push({
                id: OrmRisk["lazy-call-may-throw"],
                detail: "`findOne` throws when the options have no `where`",
              });
            if (options.kind === "literal" && !optionValue(options, "order"))
              reasons.push({ id: OrmRisk["first-row-order"], detail: "no `order`" });
          } else {
            reasons.push({ id: OrmRisk["first-row-order"], detail: "`findBy` cannot order" });
          }
          return { call: renamed(lazyName("findOne")), result: "row-or-null", reasons };
        }
        case "select":
          return selectPlan(ctx, node, callee, eager, options, optionsIndex, goal.props);
        case "cursor":
          return undefined;
      }
    },
  };
}

function selectPlan(
  ctx: TransformContext,
  node: t.CallExpression,
  callee: Parameters<typeof renameMethod>[0],
  method: "find" | "findBy",
  options: Options,
  optionsIndex: number,
  props: readonly string[],
): Plan | undefined {
  const select = `select: ${objectLiteral(
    ctx,
    props.map((p) => `${p}: true`),
  )}`;
  const reasons: RiskReason[] = [
    { id: OrmRisk["projection-drops-fields"], detail: "TypeORM entities" },
  ];
  if (method === "findBy") {
    // `repo.findBy(where)` → `repo.find({ where: where, select: {…} })`
    const where = node.arguments[optionsIndex]!;
    const edits: Edit[] = [renameMethod(callee, "find"), ...wrappedWhere(ctx, where, select)];
    return { call: editedPieces(node, edits), result: "rows", reasons };
  }
  if (options.kind === "opaque") return undefined;
  if (["select", "relations", "loadRelationIds", "join"].some((k) => optionValue(options, k)))
    return undefined;
  return {
    call: editedPieces(node, optionsEdits(ctx, node, options, optionsIndex, new Set(), [select])),
    result: "rows",
    reasons,
  };
}

function typeOrmEvidence(
  ctx: TransformContext,
  receiver: Node,
  manager: boolean,
  method: "find" | "findBy",
  options: Options,
): Evidence | undefined {
  const configured = configuredReceiverKind(ctx, receiver);
  if (configured && configured !== "typeorm") return undefined;
  const repositoryLike = manager || isRepository(receiver);
  const confirmed = receiverEvidence(ctx, receiver, "typeorm");
  if (confirmed?.source === "config") return confirmed;
  if (!repositoryLike) return undefined;
  if (confirmed) return confirmed;
  // Without an import, only TypeORM-looking calls: `findBy`, or options with its keys.
  const distinctive =
    method === "findBy" ||
    (options.kind === "literal" && [...options.props.keys()].some((k) => DISTINCTIVE_KEYS.has(k)));
  if (!distinctive) return undefined;
  return { source: "shape", detail: `\`${method}\` on a repository` };
}

function isRepository(receiver: Node): boolean {
  if (isCallLike(receiver)) {
    const callee = receiver.callee;
    const name = isIdentifier(callee)
      ? callee.name
      : isMemberLike(callee)
        ? propertyName(callee)
        : undefined;
    return name === "getRepository" || name === "getCustomRepository";
  }
  const path = referencePath(receiver);
  const last = path?.split(".").pop();
  return !!last && REPOSITORY_NAME.test(last);
}

function isManager(ctx: TransformContext, receiver: Node): boolean {
  const path = referencePath(receiver);
  const last = path?.split(".").pop();
  void ctx;
  return !!last && MANAGER_NAME.test(last);
}

/**
 * `where` → `{ where: where, select: {…} }`; a `where` laid out over several lines keeps its
 * layout one level deeper, in an object with one property per line (as a formatter keeps an
 * object whose first property is on its own line).
 */
function wrappedWhere(ctx: TransformContext, where: Node, select: string): Edit[] {
  if (!ctx.text(where).includes("\n")) {
    const pad = ctx.style.bracketSpacing ? " " : "";
    return [
      { start: start(where), end: start(where), text: `{${pad}where: ` },
      { start: end(where), end: end(where), text: `, ${select}${pad}}` },
    ];
  }
  const lineStart = ctx.source.lastIndexOf("\n", start(where) - 1) + 1;
  const indent = /^[ \t]*/.exec(ctx.source.slice(lineStart))![0];
  const inner = indent + ctx.style.indent;
  return [
    {
      start: start(where),
      end: end(where),
      text: `{\n${inner}where: ${indentedOnce(ctx, ctx.text(where))},\n${inner}${select},\n${indent}}`,
    },
  ];
}

/** `User`, `entities.User`, `"User"`: what `manager.find` takes first. */
function isEntityReference(node: Node): boolean {
  const inner = skipTypeWrappers(node);
  return inner.type === "StringLiteral" || referencePath(inner) !== undefined;
}

function isFunctionArgument(node: Node): boolean {
  const inner = skipTypeWrappers(node);
  return inner.type === "ArrowFunctionExpression" || inner.type === "FunctionExpression";
}
