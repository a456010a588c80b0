import type * as t from "@babel/types";
import {
  isCallLike,
  isFunctionLike,
  isIdentifier,
  isMemberLike,
  methodCallee,
  propertyName,
} from "../ast/predicates.js";
import type { TransformContext } from "./context.js";
import { findBinding } from "./scope.js";
import type { Node } from "./types.js";

/**
 * The types this file itself writes down for an expression, read without a type checker: an
 * annotation (`items: Item[]`), followed through what the file declares (a type alias, an
 * interface, a class, a type literal), a destructuring pattern, a callback's element, a class
 * field or constructor parameter property. Undefined wherever the file does not say (an import,
 * an inferred type), so that callers keep their own fallback.
 *
 * A declared type is a TypeScript type node, or a class declared in this file (the type of its
 * instances).
 */
export type DeclaredType = Node;

/** Array methods whose callback gets the element as its first parameter. */
const ELEMENT_CALLBACK_METHODS = new Set([
  "filter",
  "map",
  "flatMap",
  "some",
  "every",
  "find",
  "findIndex",
  "findLast",
  "findLastIndex",
  "forEach",
]);

/** Modules whose `useState<T>()` returns `[T, setter]`. */
const STATE_HOOK_MODULES = new Set(["react", "preact", "preact/hooks", "preact/compat"]);

const MAX_DEPTH = 8;

/** The declared type of an expression, as written in this file (see above). */
export function declaredTypeOf(
  ctx: TransformContext,
  node: Node,
  depth = 0,
): DeclaredType | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (node.type) {
    case "TSAsExpression":
    case "TSTypeAssertion":
    case "TSSatisfiesExpression":
      // `as const` names no type; `satisfies` checks one without giving it.
      if (node.type !== "TSSatisfiesExpression" && !isConstAssertion(node))
        return node.typeAnnotation;
      return declaredTypeOf(ctx, node.expression, depth + 1);
    case "ParenthesizedExpression":
    case "TSNonNullExpression":
      return declaredTypeOf(ctx, node.expression, depth + 1);
    case "Identifier":
      return identifierType(ctx, node, depth);
    case "ThisExpression":
      return enclosingClass(ctx, node);
    case "NewExpression": {
      if (!isIdentifier(node.callee)) return undefined;
      const binding = findBinding(ctx, node.callee);
      return isClassNode(binding?.owner) ? binding.owner : undefined;
    }
    default:
      break;
  }
  if (isMemberLike(node)) {
    const name = propertyName(node);
    const owner = name === undefined ? undefined : declaredTypeOf(ctx, node.object, depth + 1);
    return owner && memberType(ctx, owner, name!, depth + 1);
  }
  return undefined;
}

/** `x as const`: Babel reads the `const` as a type reference. */
export function isConstAssertion(node: t.TSAsExpression | t.TSTypeAssertion): boolean {
  const type = node.typeAnnotation;
  return type.type === "TSTypeReference" && isIdentifier(type.typeName, "const");
}

/** The class an expression's `this` is an instance of (not inside a non-arrow function or a static member). */
function enclosingClass(ctx: TransformContext, node: Node): t.Class | undefined {
  let child = node;
  for (const ancestor of ctx.ancestors(node)) {
    switch (ancestor.type) {
      case "FunctionDeclaration":
      case "FunctionExpression":
      case "ObjectMethod":
        return undefined;
      case "ClassMethod":
      case "ClassPrivateMethod":
      case "ClassProperty":
      case "ClassPrivateProperty":
      case "ClassAccessorProperty":
        // A computed key is evaluated outside the instance; a static member's `this` is the class.
        if ((ancestor as { static?: boolean }).static || (ancestor as t.ClassMethod).key === child)
          return undefined;
        break;
      case "StaticBlock":
        return undefined;
      case "ClassBody": {
        const owner = ctx.parentOf(ancestor);
        return isClassNode(owner) ? owner : undefined;
      }
      default:
        break;
    }
    child = ancestor;
  }
  return undefined;
}

function isClassNode(node: Node | undefined): node is t.ClassDeclaration | t.ClassExpression {
  return node?.type === "ClassDeclaration" || node?.type === "ClassExpression";
}

/** One step from a pattern's root to a name it declares: a property, or an element by index. */
type PathStep = { property: string } | { index: number };

function identifierType(
  ctx: TransformContext,
  id: t.Identifier,
  depth: number,
): DeclaredType | undefined {
  const binding = findBinding(ctx, id);
  if (!binding) return undefined;
  const own = annotationOf(binding.id);
  if (own) return own;
  if (binding.kind === "param" && binding.owner) {
    const fn = binding.owner as t.Function;
    for (const [index, param] of fn.params.entries()) {
      const path = pathTo(param, binding.id);
      if (!path) continue;
      // `({ items }: Props = {})`: the annotation is on the pattern the default is for.
      const annotated = annotationOf(param.type === "AssignmentPattern" ? param.left : param);
      const root = annotated ?? callbackElementType(ctx, fn, index, depth);
      return root && followPath(ctx, root, path, depth);
    }
    return undefined;
  }
  const declarator = binding.declarator;
  if (!declarator) return undefined;
  const path = pathTo(declarator.id, binding.id);
  if (!path) return undefined;
  const declaration = binding.declaration;
  const loop = declaration && ctx.parentOf(declaration);
  // `for (const g of groups)`: each element.
  if (loop?.type === "ForOfStatement" && loop.left === declaration) {
    const iterated = declaredTypeOf(ctx, loop.right, depth + 1);
    const element = iterated && elementTypeOf(ctx, iterated, depth);
    return element && followPath(ctx, element, path, depth);
  }
  // `let` may hold another value later; only `const` keeps its initialiser's type.
  if (binding.kind !== "const" || !declarator.init) return undefined;
  const annotated = annotationOf(declarator.id);
  if (annotated) return followPath(ctx, annotated, path, depth);
  // `const [options, setOptions] = useState<Option[]>([])`
  const state = stateHookType(ctx, declarator.init);
  if (state && path[0] && "index" in path[0] && path[0].index === 0)
    return followPath(ctx, state, path.slice(1), depth);
  const init = declaredTypeOf(ctx, declarator.init, depth + 1);
  return init && followPath(ctx, init, path, depth);
}

function annotationOf(node: Node): Node | undefined {
  const annotation = (node as { typeAnnotation?: Node | null }).typeAnnotation;
  return annotation?.type === "TSTypeAnnotation" ? annotation.typeAnnotation : undefined;
}

/** The steps from a pattern down to one identifier it declares, or undefined if it is not there. */
function pathTo(pattern: Node, id: t.Identifier): PathStep[] | undefined {
  if (pattern === id) return [];
  switch (pattern.type) {
    case "AssignmentPattern":
      return pathTo(pattern.left, id);
    case "TSParameterProperty":
      return pathTo(pattern.parameter, id);
    case "ObjectPattern":
      for (const property of pattern.properties) {
        if (property.type === "RestElement") continue;
        const key = property.computed ? undefined : keyName(property.key);
        const rest = pathTo(property.value, id);
        if (rest) return key === undefined ? undefined : [{ property: key }, ...rest];
      }
      return undefined;
    case "ArrayPattern":
      for (const [index, element] of pattern.elements.entries()) {
        if (!element || element.type === "RestElement") continue;
        const rest = pathTo(element, id);
        if (rest) return [{ index }, ...rest];
      }
      return undefined;
    default:
      return undefined;
  }
}

function keyName(key: Node): string | undefined {
  if (key.type === "Identifier") return key.name;
  if (key.type === "StringLiteral") return key.value;
  if (key.type === "NumericLiteral") return String(key.value);
  return undefined;
}

function followPath(
  ctx: TransformContext,
  root: DeclaredType,
  path: readonly PathStep[],
  depth: number,
): DeclaredType | undefined {
  let current: DeclaredType | undefined = root;
  for (const step of path) {
    if (!current) return undefined;
    current =
      "property" in step
        ? memberType(ctx, current, step.property, depth + 1)
        : indexType(ctx, current, step.index, depth + 1);
  }
  return current;
}

/** `groups.filter((g) => …)`: the element type of an array the file declares, for parameter 0. */
function callbackElementType(
  ctx: TransformContext,
  fn: t.Function,
  index: number,
  depth: number,
): DeclaredType | undefined {
  if (index !== 0 || !isFunctionLike(fn)) return undefined;
  const call = ctx.parentOf(fn);
  const callee = methodCallee(call, [...ELEMENT_CALLBACK_METHODS]);
  if (!callee || !isCallLike(call) || call.arguments[0] !== fn) return undefined;
  const receiver = declaredTypeOf(ctx, callee.object, depth + 1);
  return receiver && arrayElementType(ctx, receiver, depth);
}

/** `useState<T>(…)` from React or Preact: the state is a `T`. */
function stateHookType(ctx: TransformContext, init: Node): Node | undefined {
  if (init.type !== "CallExpression") return undefined;
  const typeArgument = init.typeParameters?.params[0];
  if (!typeArgument || init.typeParameters!.params.length !== 1) return undefined;
  const callee = init.callee;
  let imported: t.Identifier | undefined;
  if (isIdentifier(callee, "useState")) imported = callee;
  else if (
    isMemberLike(callee) &&
    propertyName(callee) === "useState" &&
    isIdentifier(callee.object)
  )
    imported = callee.object;
  if (!imported) return undefined;
  const binding = findBinding(ctx, imported);
  const from = binding?.kind === "import" ? (binding.owner as t.ImportDeclaration) : undefined;
  return from && STATE_HOOK_MODULES.has(from.source.value) ? typeArgument : undefined;
}

/**
 * A type written as a reference, followed to what this file declares under that name: a type
 * alias's type, an interface, a class. Undefined for a name imported or not declared here, or a
 * type parameter's name.
 */
export function resolveType(
  ctx: TransformContext,
  type: DeclaredType,
  depth = 0,
): DeclaredType | undefined {
  let current: DeclaredType = type;
  for (let i = 0; i <= MAX_DEPTH - depth; i++) {
    if (current.type === "TSParenthesizedType") {
      current = current.typeAnnotation;
      continue;
    }
    if (current.type !== "TSTypeReference" || current.typeName.type !== "Identifier")
      return current;
    const declared = localTypeDeclaration(ctx, current.typeName);
    if (!declared) return current;
    if (declared.type !== "TSTypeAliasDeclaration") return declared;
    current = declared.typeAnnotation;
  }
  return undefined;
}

/** What a type name written at `name` refers to among this file's own declarations. */
function localTypeDeclaration(
  ctx: TransformContext,
  name: t.Identifier,
):
  | t.TSTypeAliasDeclaration
  | t.TSInterfaceDeclaration
  | t.ClassDeclaration
  | t.ClassExpression
  | undefined {
  for (const ancestor of ctx.ancestors(name)) {
    const parameters = (ancestor as { typeParameters?: t.TSTypeParameterDeclaration | null })
      .typeParameters;
    if (
      parameters?.type === "TSTypeParameterDeclaration" &&
      parameters.params.some((p) => p.name === name.name)
    )
      return undefined;
  }
  const binding = findBinding(ctx, name);
  if (binding) return isClassNode(binding.owner) ? binding.owner : undefined;
  const found = [
    ...ctx.nodesOfType("TSTypeAliasDeclaration"),
    ...ctx.nodesOfType("TSInterfaceDeclaration"),
  ].filter((d) => (d as t.TSTypeAliasDeclaration).id.name === name.name) as Array<
    t.TSTypeAliasDeclaration | t.TSInterfaceDeclaration
  >;
  // Declared twice (merged interfaces, or in nested scopes): not followed. A generic one is: its
  // type parameters resolve to nothing here (see above), so what depends on them stays unknown.
  return found.length === 1 ? found[0] : undefined;
}

/** The type of property `name` of a declared type, if the file declares it. */
function memberType(
  ctx: TransformContext,
  type: DeclaredType,
  name: string,
  depth = 0,
): DeclaredType | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const owner = resolveType(ctx, withoutNullish(type) ?? type, depth);
  if (!owner) return undefined;
  switch (owner.type) {
    case "TSTypeLiteral":
      return signatureType(owner.members, name);
    case "TSInterfaceDeclaration": {
      const own = signatureType(owner.body.body, name);
      if (own || !owner.extends) return own;
      for (const base of owner.extends) {
        if (base.expression.type !== "Identifier" || base.typeParameters) continue;
        const declared = localTypeDeclaration(ctx, base.expression);
        const inherited = declared && memberType(ctx, declared, name, depth + 1);
        if (inherited) return inherited;
      }
      return undefined;
    }
    case "ClassDeclaration":
    case "ClassExpression":
      return classMemberType(owner, name);
    default:
      return undefined;
  }
}

/** `T | null | undefined` → `T`; a union of several other types → undefined. */
function withoutNullish(type: DeclaredType): DeclaredType | undefined {
  if (type.type !== "TSUnionType") return type;
  const members = type.types.filter(
    (m) => m.type !== "TSNullKeyword" && m.type !== "TSUndefinedKeyword",
  );
  return members.length === 1 ? members[0] : undefined;
}

function signatureType(members: readonly Node[], name: string): DeclaredType | undefined {
  for (const member of members) {
    if (member.type !== "TSPropertySignature" || member.computed) continue;
    if (keyName(member.key) === name) return annotationOf(member);
  }
  return undefined;
}

/** A field `items: Item[]`, a getter's return type, or a constructor's `private items: Item[]`. */
function classMemberType(owner: t.Class, name: string): DeclaredType | undefined {
  for (const element of owner.body.body) {
    switch (element.type) {
      case "ClassProperty":
      case "ClassAccessorProperty":
        if (!element.static && !element.computed && keyName(element.key) === name)
          return annotationOf(element);
        break;
      case "ClassMethod":
        if (element.static || element.computed) break;
        if (element.kind === "get" && keyName(element.key) === name)
          return element.returnType?.type === "TSTypeAnnotation"
            ? element.returnType.typeAnnotation
            : undefined;
        if (element.kind === "constructor")
          for (const param of element.params)
            if (param.type === "TSParameterProperty") {
              const inner = param.parameter;
              const id = inner.type === "AssignmentPattern" ? inner.left : inner;
              if (isIdentifier(id, name)) return annotationOf(id);
            }
        break;
      default:
        break;
    }
  }
  return undefined;
}

/** `T` of `T[]`, `readonly T[]`, `Array<T>`, `ReadonlyArray<T>`, as declared. */
function arrayElementType(
  ctx: TransformContext,
  type: DeclaredType,
  depth = 0,
): DeclaredType | undefined {
  const resolved = resolveType(ctx, withoutNullish(type) ?? type, depth);
  if (!resolved) return undefined;
  if (resolved.type === "TSArrayType") return resolved.elementType;
  if (resolved.type === "TSTypeOperator" && resolved.operator === "readonly")
    return arrayElementType(ctx, resolved.typeAnnotation, depth + 1);
  return onlyTypeArgument(resolved, ["Array", "ReadonlyArray"]);
}

/** `Name<T>` for one of the names: its `T`. */
function onlyTypeArgument(
  type: DeclaredType | undefined,
  names: readonly string[],
): DeclaredType | undefined {
  if (
    type?.type === "TSTypeReference" &&
    type.typeName.type === "Identifier" &&
    names.includes(type.typeName.name) &&
    type.typeParameters?.params.length === 1
  )
    return type.typeParameters.params[0];
  return undefined;
}

/** What `for … of` gives: an array's elements, or a Set's. */
function elementTypeOf(
  ctx: TransformContext,
  type: DeclaredType,
  depth: number,
): DeclaredType | undefined {
  const element = arrayElementType(ctx, type, depth);
  if (element) return element;
  const resolved = resolveType(ctx, withoutNullish(type) ?? type, depth);
  return onlyTypeArgument(resolved, ["Set", "ReadonlySet"]);
}

/** Element `index` of a declared tuple, or any element of a declared array. */
function indexType(
  ctx: TransformContext,
  type: DeclaredType,
  index: number,
  depth: number,
): DeclaredType | undefined {
  const resolved = resolveType(ctx, withoutNullish(type) ?? type, depth);
  if (resolved?.type === "TSTupleType") {
    const element = resolved.elementTypes[index];
    if (!element) return undefined;
    return element.type === "TSNamedTupleMember" ? element.elementType : element;
  }
  return resolved && arrayElementType(ctx, resolved, depth);
}
