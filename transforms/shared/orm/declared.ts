import type * as t from "@babel/types";
import {
  isCallLike,
  isIdentifier,
  isMemberLike,
  skipTypeWrappers,
} from "../../../src/ast/predicates.js";
import type { TransformContext } from "../../../src/core/context.js";
import { findBinding } from "../../../src/core/scope.js";
import type { Node } from "../../../src/core/types.js";
import type { Evidence, FileOrms } from "./evidence.js";
import type { OrmKind } from "./settings.js";

/**
 * What this file says a receiver is, from the receiver itself rather than from whatever the file
 * imports: its root imported from an ORM module; declared with a type that one exports
 * (`users: Repository<User>`, `{ prisma }: Db` with `type Db = { prisma: PrismaClient }`, a
 * constructor parameter property); created by one (`new PrismaClient()`, `knex(…)`,
 * `model("User", schema)`); a class that extends one (`class Student extends Model`); or the
 * transaction parameter of a client that is one (`prisma.$transaction(async (tx) => …)`).
 */
export function declaredOrm(
  ctx: TransformContext,
  receiver: Node,
  orms: FileOrms,
): { kind: OrmKind; evidence: Evidence } | undefined {
  const path = receiverPath(receiver);
  if (!path) return undefined;
  const text = ctx.text(receiver);
  if (path.root === "this") {
    const [field, ...rest] = path.properties;
    const annotation = field === undefined ? undefined : fieldAnnotation(ctx, receiver, field);
    return annotation && typeEvidence(ctx, annotation, rest, orms, text, 0);
  }
  return bindingEvidence(ctx, path.root, path.properties, orms, text, 0);
}

interface ReceiverPath {
  root: t.Identifier | "this";
  /** The properties read after the root (calls end the path: what they return is unknown). */
  properties: string[];
}

function receiverPath(node: Node): ReceiverPath | undefined {
  const inner = skipTypeWrappers(node);
  if (inner.type === "Identifier") return { root: inner, properties: [] };
  if (inner.type === "ThisExpression") return { root: "this", properties: [] };
  if (isMemberLike(inner) && !inner.computed && inner.property.type === "Identifier") {
    const object = receiverPath(inner.object);
    return object && { ...object, properties: [...object.properties, inner.property.name] };
  }
  return undefined;
}

const MAX_DEPTH = 6;

function bindingEvidence(
  ctx: TransformContext,
  id: t.Identifier,
  properties: readonly string[],
  orms: FileOrms,
  text: string,
  depth: number,
): { kind: OrmKind; evidence: Evidence } | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const binding = findBinding(ctx, id);
  if (!binding) return undefined;
  if (binding.kind === "import") return orms.names.get(id.name);
  const declared = binding.id.typeAnnotation;
  if (declared?.type === "TSTypeAnnotation")
    return typeEvidence(ctx, declared.typeAnnotation, properties, orms, text, depth + 1);
  // `({ prisma }: Db) => …`: the property of the pattern's type.
  const property = ctx.parentOf(binding.id);
  const pattern = property && ctx.parentOf(property);
  if (
    property?.type === "ObjectProperty" &&
    pattern?.type === "ObjectPattern" &&
    pattern.typeAnnotation?.type === "TSTypeAnnotation" &&
    !property.computed &&
    property.key.type === "Identifier"
  )
    return typeEvidence(
      ctx,
      pattern.typeAnnotation.typeAnnotation,
      [property.key.name, ...properties],
      orms,
      text,
      depth + 1,
    );
  const init = binding.declarator?.id === binding.id ? binding.declarator.init : undefined;
  if (init) return createdBy(ctx, init, orms, text, depth + 1);
  const owner = binding.owner;
  if (owner?.type === "ClassDeclaration" && owner.superClass)
    return createdBy(ctx, owner.superClass, orms, text, depth + 1);
  if (owner && (owner.type === "ArrowFunctionExpression" || owner.type === "FunctionExpression"))
    return transactionClient(ctx, owner, orms, text, depth + 1);
  return undefined;
}

/**
 * `new PrismaClient()`, `knex({…})`, `mongoose.model(…)`, `Model` in `extends Model`: made by an
 * ORM import; `prisma.$extends(…)`: made from an object this file says is the ORM's.
 */
function createdBy(
  ctx: TransformContext,
  node: Node,
  orms: FileOrms,
  text: string,
  depth: number,
): { kind: OrmKind; evidence: Evidence } | undefined {
  let current = skipTypeWrappers(node);
  if (current.type === "AwaitExpression") current = skipTypeWrappers(current.argument);
  if (current.type === "NewExpression" || isCallLike(current))
    current = skipTypeWrappers(current.callee as Node);
  while (isMemberLike(current)) current = skipTypeWrappers(current.object);
  if (!isIdentifier(current)) return undefined;
  const binding = findBinding(ctx, current);
  if (binding?.kind !== "import") return bindingEvidence(ctx, current, [], orms, text, depth);
  const found = orms.names.get(current.name);
  if (!found) return undefined;
  const detail = `\`${text}\` is made by \`${current.name}\`, which ${found.evidence.detail.replace(/^imports/, "comes from")}`;
  return { kind: found.kind, evidence: { ...found.evidence, detail } };
}

/** `tx` in `prisma.$transaction(async (tx) => …)`: whatever `prisma` is. */
function transactionClient(
  ctx: TransformContext,
  fn: Node,
  orms: FileOrms,
  text: string,
  depth: number,
): { kind: OrmKind; evidence: Evidence } | undefined {
  const call = ctx.parentOf(fn);
  if (!isCallLike(call) || !isMemberLike(call.callee)) return undefined;
  const name = call.callee.property.type === "Identifier" ? call.callee.property.name : "";
  if (!/^\$?transaction$/i.test(name)) return undefined;
  const client = receiverPath(call.callee.object);
  if (!client || client.root === "this") return undefined;
  return bindingEvidence(ctx, client.root, client.properties, orms, text, depth);
}

/** The type annotation of `this.<name>`: a class property, or a constructor parameter property. */
function fieldAnnotation(ctx: TransformContext, node: Node, name: string): t.TSType | undefined {
  for (const ancestor of ctx.ancestors(node)) {
    if (ancestor.type !== "ClassBody") continue;
    for (const member of ancestor.body) {
      if (
        (member.type === "ClassProperty" || member.type === "ClassAccessorProperty") &&
        !member.computed &&
        isIdentifier(member.key, name) &&
        member.typeAnnotation?.type === "TSTypeAnnotation"
      )
        return member.typeAnnotation.typeAnnotation;
      if (member.type === "ClassMethod" && member.kind === "constructor")
        for (const param of member.params) {
          if (param.type !== "TSParameterProperty") continue;
          const id = param.parameter;
          if (
            id.type === "Identifier" &&
            id.name === name &&
            id.typeAnnotation?.type === "TSTypeAnnotation"
          )
            return id.typeAnnotation.typeAnnotation;
        }
    }
    return undefined;
  }
  return undefined;
}

/**
 * Follows a type through this file's type aliases and interfaces, and through the properties
 * read from it, to a type an ORM module exports (`PrismaClient`, `Repository<User>`, `Knex`).
 */
function typeEvidence(
  ctx: TransformContext,
  type: t.TSType,
  properties: readonly string[],
  orms: FileOrms,
  text: string,
  depth: number,
): { kind: OrmKind; evidence: Evidence } | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (type.type === "TSUnionType") {
    const parts = type.types.filter(
      (p) => p.type !== "TSNullKeyword" && p.type !== "TSUndefinedKeyword",
    );
    const found = parts.map((p) => typeEvidence(ctx, p, properties, orms, text, depth + 1));
    const first = found[0];
    return first && found.every((f) => f?.kind === first.kind) ? first : undefined;
  }
  if (type.type === "TSTypeQuery" && type.exprName.type === "Identifier")
    return bindingEvidence(ctx, type.exprName, properties, orms, text, depth + 1);
  if (type.type === "TSTypeLiteral")
    return membersEvidence(ctx, type.members, properties, orms, text, depth);
  if (type.type !== "TSTypeReference") return undefined;
  let name: t.TSEntityName = type.typeName;
  while (name.type === "TSQualifiedName") name = name.left;
  if (name.type !== "Identifier") return undefined;
  const imported = orms.names.get(name.name);
  if (imported) {
    const written = ctx.text(type.typeName);
    return {
      kind: imported.kind,
      evidence: {
        ...imported.evidence,
        detail: `\`${text}\` is declared \`${written}\`, which ${imported.evidence.detail.replace(/^imports/, "comes from")}`,
      },
    };
  }
  const local = localType(ctx, name.name);
  if (local?.type === "TSTypeAliasDeclaration")
    return typeEvidence(ctx, local.typeAnnotation, properties, orms, text, depth + 1);
  if (local?.type === "TSInterfaceDeclaration")
    return membersEvidence(ctx, local.body.body, properties, orms, text, depth);
  return undefined;
}

function membersEvidence(
  ctx: TransformContext,
  members: readonly t.TSTypeElement[],
  properties: readonly string[],
  orms: FileOrms,
  text: string,
  depth: number,
): { kind: OrmKind; evidence: Evidence } | undefined {
  const [first, ...rest] = properties;
  if (first === undefined) return undefined;
  const member = members.find(
    (m): m is t.TSPropertySignature =>
      m.type === "TSPropertySignature" && !m.computed && isIdentifier(m.key, first),
  );
  const annotation = member?.typeAnnotation?.typeAnnotation;
  return annotation && typeEvidence(ctx, annotation, rest, orms, text, depth + 1);
}

/** A type alias or interface declared at this file's top level (or exported from it). */
function localType(
  ctx: TransformContext,
  name: string,
): t.TSTypeAliasDeclaration | t.TSInterfaceDeclaration | undefined {
  for (const statement of ctx.ast.program.body) {
    const declaration =
      statement.type === "ExportNamedDeclaration" ? statement.declaration : statement;
    if (
      (declaration?.type === "TSTypeAliasDeclaration" ||
        declaration?.type === "TSInterfaceDeclaration") &&
      declaration.id.name === name
    )
      return declaration;
  }
  return undefined;
}
