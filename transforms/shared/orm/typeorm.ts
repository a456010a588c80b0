import type * as t from "@babel/types";
import {
  isCallLike,
  isIdentifier,
  isMemberLike,
  methodCallee,
  propertyName,
  skipTypeWrappers,
  type MemberLike,
} from "../../../src/ast/predicates.js";
import type { TransformContext } from "../../../src/core/context.js";
import { quoteCode } from "../../../src/core/quote.js";
import type { Node } from "../../../src/core/types.js";
import {
  configuredReceiverKind,
  receiverEvidence,
  referencePath,
  rootIdentifier,
  transactionParameter,
  type Evidence,
} from "./evidence.js";
import {
  hasOnlyKeys,
  isOneLiteral,
  opaqueFacts,
  optionValue,
  ignoredPagination,
  readOptions,
  withOption,
  type Options,
} from "./options.js";
import { objectOrderColumns, orderTiesFacts } from "./order.js";
import { trueFor, type LazyFact, type LazyQuery, type OrmQuery } from "./query.js";

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
    isManager(receiver) && node.arguments.length >= 1 && isEntityReference(node.arguments[0]!);
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
  const lazyName = (base: "exists" | "count" | "findOne") =>
    eager === "findBy" ? `${base}By` : base;
  return {
    orm: "typeorm",
    evidence,
    node,
    receiver: { node: receiver, method: eager },
    label,
    limitedToOne: isOneLiteral(take),
    transaction,
    noCursor:
      "TypeORM streams only from a QueryBuilder (`.stream()`), which this rewrite does not build",
    exists() {
      // `exists` ignores `skip` (`findOne` honours it).
      const name = lazyName("exists");
      return {
        operation: "exists",
        result: "boolean",
        method: { callee, name },
        changes: [],
        replaces: afterLoadSkipped(name, eager),
        facts: [
          {
            kind: "needs-version",
            detail: `TypeORM \`${name}\` is 0.3.18+ (0.3.11–0.3.17 call it \`exist\`)`,
          },
          ...ignoredPagination(options, ["skip"]),
          ...opaqueFacts(options),
        ],
      };
    },
    count() {
      // `count` ignores `take` and `skip`; `order` and `select` mean nothing to it.
      return {
        operation: "count",
        result: "number",
        method: { callee, name: lazyName("count") },
        replaces: afterLoadSkipped(lazyName("count"), eager),
        changes:
          options.kind === "literal"
            ? [{ kind: "options", call: node, options, drop: new Set(["order", "select"]) }]
            : [],
        facts: [...ignoredPagination(options, ["take", "skip"]), ...opaqueFacts(options)],
      };
    },
    first() {
      const facts: LazyFact[] = opaqueFacts(options);
      if (eager === "find") {
        // `findOne` throws without `where` ("You must provide selection conditions").
        if (options.kind === "none") return undefined;
        if (options.kind === "literal" && !optionValue(options, "where")) return undefined;
        if (options.kind === "opaque")
          facts.push({
            kind: "may-throw",
            when: "`findOne` throws when the options have no `where`",
          });
        const order = optionValue(options, "order");
        if (options.kind === "literal" && !order)
          facts.push({ kind: "unordered", missing: "no `order`" });
        if (order) facts.push(...orderTiesFacts(ctx, objectOrderColumns(order), order));
      } else {
        facts.push({ kind: "unordered", missing: "`findBy` cannot order" });
      }
      return {
        operation: "first",
        result: "row-or-null",
        method: { callee, name: lazyName("findOne") },
        changes: [],
        facts,
      };
    },
    select: (props) => selectQuery(node, callee, eager, options, optionsIndex, props),
    cursor: () => undefined,
  };
}

/**
 * `count`/`exists` load no entity, so the entity listeners and subscribers' `afterLoad` that the
 * eager load ran do not run (`findOne` loads one and runs them).
 */
function afterLoadSkipped(lazy: string, eager: string): string {
  return `\`${lazy}\` instead of \`${eager}\` (entity listeners' and subscribers' \`afterLoad\` run only for loaded entities)`;
}

/** The entities' properties a TypeORM projection leaves out. */
const PARTIAL_ENTITIES: LazyFact = { kind: "partial-objects", objects: "TypeORM entities" };

function selectQuery(
  node: t.CallExpression,
  callee: MemberLike,
  method: "find" | "findBy",
  options: Options,
  optionsIndex: number,
  props: readonly string[],
): LazyQuery | undefined {
  if (method === "findBy") {
    // `repo.findBy(where)` → `repo.find({ where: where, select: {…} })`
    const where = node.arguments[optionsIndex]!;
    return {
      operation: "select",
      result: "rows",
      changes: [
        { kind: "rename", callee, name: "find" },
        { kind: "wrap-argument", argument: where, key: "where", add: [["select", trueFor(props)]] },
      ],
      facts: [PARTIAL_ENTITIES],
    };
  }
  if (options.kind === "opaque") return undefined;
  if (["select", "relations", "loadRelationIds", "join"].some((k) => optionValue(options, k)))
    return undefined;
  return withOption("select", node, options, ["select", trueFor(props)], [PARTIAL_ENTITIES]);
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
  // What the file says of the receiver itself (`users: Repository<User>`) is enough; a name is
  // needed only without it.
  const confirmed = receiverEvidence(ctx, receiver, "typeorm");
  if (confirmed) return confirmed;
  if (!manager && !isRepository(receiver)) return undefined;
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

function isManager(receiver: Node): boolean {
  const path = referencePath(receiver);
  const last = path?.split(".").pop();
  return !!last && MANAGER_NAME.test(last);
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
