import type * as t from "@babel/types";
import {
  isCallLike,
  isIdentifier,
  isMemberLike,
  skipTypeWrappers,
} from "../../../src/ast/predicates.js";
import type { TransformContext } from "../../../src/core/context.js";
import { ormSettingsOf, type OrmKind } from "./settings.js";
import { backticked } from "../../../src/core/quote.js";
import type { Node } from "../../../src/core/types.js";
import { declaredOrm } from "./declared.js";
import { configuredReceiver, type ConfiguredReceiver } from "./receivers.js";

/**
 * How sure lazymod is that a call belongs to an ORM: configuration, the project's types (a
 * proof, see typed.ts), an import, or only the call's shape.
 */
type EvidenceSource = "config" | "types" | "import" | "shape";

export interface Evidence {
  source: EvidenceSource;
  /** What the conclusion rests on, for messages. */
  detail: string;
  /** The configuration entry that names the receiver, when that is the evidence. */
  configured?: ConfiguredReceiver;
  /**
   * Only the project's types may make this a query (a `shape` that neither the receiver's name nor
   * anything in the file says is the ORM's, `reports("students").where(…)`): `ormQueryAt` asks a
   * file-local pass for types and recognises nothing, and `typedQuery` keeps the query only when
   * the types prove the receiver, never on the shape alone.
   */
  typesOnly?: true;
}

/** The packages each ORM is imported from (and their subpaths). */
const PACKAGES: Record<OrmKind, readonly string[]> = {
  prisma: ["@prisma/client", ".prisma/client"],
  typeorm: ["typeorm", "@nestjs/typeorm"],
  sequelize: ["sequelize", "@sequelize/core", "sequelize-typescript", "@nestjs/sequelize"],
  mongoose: ["mongoose", "@nestjs/mongoose", "@typegoose/typegoose"],
  knex: ["knex", "nestjs-knex", "@nestjsplus/knex"],
  drizzle: ["drizzle-orm"],
};

/** A Prisma client generated into the project (`prisma-client` generator): `…/generated/prisma/client`. */
const GENERATED_PRISMA =
  /(^|[/@])generated\/prisma(\/client)?(\.[cm]?[jt]s)?$|(^|\/)prisma\/client(\.[cm]?[jt]s)?$/;

function packageKind(source: string): OrmKind | undefined {
  for (const [kind, packages] of Object.entries(PACKAGES) as [OrmKind, readonly string[]][]) {
    if (packages.some((p) => source === p || source.startsWith(`${p}/`))) return kind;
  }
  return GENERATED_PRISMA.test(source) ? "prisma" : undefined;
}

/** What the file's imports (and `require` calls) say about ORMs: per kind, and per local name. */
export interface FileOrms {
  kinds: ReadonlyMap<OrmKind, Evidence>;
  names: ReadonlyMap<string, { kind: OrmKind; evidence: Evidence }>;
}

export function fileOrms(ctx: TransformContext): FileOrms {
  return ctx.memoize("orm-file-evidence", () => {
    const kinds = new Map<OrmKind, Evidence>();
    const names = new Map<string, { kind: OrmKind; evidence: Evidence }>();
    const configured = ormSettingsOf(ctx.settings)?.modules ?? {};
    const note = (source: string, locals: readonly string[]) => {
      const fromConfig = configuredKind(configured, source);
      const kind = fromConfig ?? packageKind(source);
      if (!kind) return;
      const evidence: Evidence = fromConfig
        ? { source: "config", detail: `\`${source}\` is configured as a ${kind} module` }
        : { source: "import", detail: `imports \`${source}\`` };
      if (!kinds.has(kind) || evidence.source === "config") kinds.set(kind, evidence);
      for (const local of locals) names.set(local, { kind, evidence });
    };
    for (const node of ctx.nodesOfType("ImportDeclaration")) {
      const declaration = node as t.ImportDeclaration;
      note(
        declaration.source.value,
        declaration.specifiers.map((s) => s.local.name),
      );
    }
    for (const node of ctx.nodesOfType("CallExpression")) {
      const call = node as t.CallExpression;
      const source = call.arguments[0];
      if (!isIdentifier(call.callee, "require") || source?.type !== "StringLiteral") continue;
      const declarator = ctx.parentOf(call);
      const locals =
        declarator?.type === "VariableDeclarator" && declarator.id.type === "Identifier"
          ? [declarator.id.name]
          : [];
      note(source.value, locals);
    }
    for (const node of ctx.nodesOfType("NewExpression")) {
      const callee = (node as t.NewExpression).callee;
      if (isIdentifier(callee, "PrismaClient") && !kinds.has("prisma"))
        kinds.set("prisma", { source: "import", detail: "creates a `PrismaClient`" });
    }
    return { kinds, names };
  });
}

function configuredKind(modules: Record<string, OrmKind>, source: string): OrmKind | undefined {
  if (Object.hasOwn(modules, source)) return modules[source];
  return undefined;
}

/** `a.b.c` for identifiers, `this` and non-computed members (optional chaining read as `.`). */
export function referencePath(node: Node): string | undefined {
  const inner = skipTypeWrappers(node);
  if (inner.type === "Identifier") return inner.name;
  if (inner.type === "ThisExpression") return "this";
  if (isMemberLike(inner) && !inner.computed && inner.property.type === "Identifier") {
    const object = referencePath(inner.object);
    return object === undefined ? undefined : `${object}.${inner.property.name}`;
  }
  return undefined;
}

/** The identifier a receiver chain starts from: `this.prisma.user` → undefined, `db.user` → `db`. */
export function rootIdentifier(node: Node): t.Identifier | undefined {
  let current = skipTypeWrappers(node);
  for (;;) {
    if (current.type === "Identifier") return current;
    if (isMemberLike(current)) current = skipTypeWrappers(current.object);
    else if (isCallLike(current)) current = skipTypeWrappers(current.callee);
    else return undefined;
  }
}

/**
 * What says a receiver belongs to `kind`, strongest first: configuration naming the receiver
 * (`this.organizationRepository`) or the module its root was imported from; what this file says
 * of the receiver (`declaredOrm`: imported, declared, created by the ORM); nothing (the caller
 * then falls back to the shape, which types may prove).
 */
export function receiverEvidence(
  ctx: TransformContext,
  receiver: Node,
  kind: OrmKind,
): Evidence | undefined {
  const configured = configuredReceiver(ctx, receiver);
  if (configured?.orm === kind) {
    const as = configured.wrapper ? `a ${kind} wrapper` : kind;
    return {
      source: "config",
      detail: `${backticked(configured.key)} is configured as ${as}`,
      configured,
    };
  }
  // From the receiver itself: an import of the ORM elsewhere in the file says nothing of it.
  const declared = declaredOrm(ctx, receiver, fileOrms(ctx));
  return declared?.kind === kind ? declared.evidence : undefined;
}

/** The ORM configuration names for this receiver (see `configuredReceiver`). */
export function configuredReceiverKind(ctx: TransformContext, receiver: Node): OrmKind | undefined {
  return configuredReceiver(ctx, receiver)?.orm;
}

/** The parameter names of the enclosing `$transaction(async (tx) => …)`-style callbacks. */
export function transactionParameter(
  ctx: TransformContext,
  root: Node | undefined,
): string | undefined {
  if (!root || !isIdentifier(root)) return undefined;
  for (const ancestor of ctx.ancestors(root)) {
    if (ancestor.type !== "ArrowFunctionExpression" && ancestor.type !== "FunctionExpression")
      continue;
    const declares = ancestor.params.some((p) => isIdentifier(p, root.name));
    if (!declares) continue;
    const call = ctx.parentOf(ancestor);
    if (!isCallLike(call) || !call.arguments.includes(ancestor as t.Expression)) return undefined;
    const callee = call.callee;
    const name =
      isMemberLike(callee) && isIdentifier(callee.property) ? callee.property.name : undefined;
    return name && /^\$?transaction$/i.test(name) ? root.name : undefined;
  }
  return undefined;
}
