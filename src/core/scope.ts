import * as isReferencedModule from "@babel/types/lib/validators/isReferenced.js";
import type * as t from "@babel/types";
import { isFunctionNode } from "../ast/predicates.js";
import { walk } from "../ast/walk.js";
import type { TransformContext } from "./context.js";
import type { Node } from "./types.js";

// One validator from @babel/types, loaded alone: the package's main entry builds every builder and
// validator (about 0.1 s at each start and in each worker thread).
const loaded = isReferencedModule.default;
const isReferenced: typeof t.isReferenced = typeof loaded === "function" ? loaded : loaded.default;

type BindingKind =
  "const" | "let" | "var" | "using" | "param" | "function" | "class" | "import" | "catch" | "enum";

/** A declared name, resolved lexically (no type checker involved). */
export interface Binding {
  name: string;
  kind: BindingKind;
  /** The declaring identifier. */
  id: t.Identifier;
  /** The node whose subtree holds every reference (block, function or program). */
  scope: Node;
  /** For variables: `const <declarator>`, and its declaration statement. */
  declarator?: t.VariableDeclarator;
  declaration?: t.VariableDeclaration;
  /** For params, functions and classes: the function or class node. */
  owner?: Node;
}

export interface BindingUses {
  /** Identifiers that read the binding (including `typeof x` and JSX names). */
  reads: Node[];
  /** Identifiers assigned to, updated or re-bound by a for-in/of head. */
  writes: Node[];
}

/** The binding a reference resolves to, walking outwards through enclosing scopes. */
export function findBinding(ctx: TransformContext, ref: t.Identifier): Binding | undefined {
  for (const ancestor of ctx.ancestors(ref)) {
    const binding = declarationIn(ctx, ancestor, ref.name);
    if (binding) return binding;
  }
  return undefined;
}

/**
 * Every read and write of a binding; undefined when the scope cannot be analysed
 * (`eval` or `with` may reach any name).
 */
export function bindingUses(ctx: TransformContext, binding: Binding): BindingUses | undefined {
  const reads: Node[] = [];
  const writes: Node[] = [];
  let opaque = false;
  walk(binding.scope, (node, parent) => {
    if (node.type === "WithStatement") opaque = true;
    if (
      node.type === "CallExpression" &&
      node.callee.type === "Identifier" &&
      node.callee.name === "eval"
    ) {
      opaque = true;
    }
    if (!parent) return;
    if (
      node.type === "JSXIdentifier" &&
      node.name === binding.name &&
      isJsxNameReference(node, parent)
    ) {
      reads.push(node);
      return;
    }
    if (node.type !== "Identifier" || node.name !== binding.name || node === binding.id) return;
    const grandparent = ctx.parentOf(parent);
    const write = isWriteTarget(ctx, node, parent);
    if (!write && !isReferenced(node, parent, grandparent)) return;
    if (findBinding(ctx, node)?.id !== binding.id) return;
    (write ? writes : reads).push(node);
  });
  return opaque ? undefined : { reads, writes };
}

function isJsxNameReference(node: t.JSXIdentifier, parent: Node): boolean {
  if (parent.type === "JSXOpeningElement" || parent.type === "JSXClosingElement")
    return parent.name === node;
  if (parent.type === "JSXMemberExpression") return parent.object === node;
  return false;
}

/** `x = …`, `x++`, `[x] = …`, `for (x of …)`: the identifier's value is replaced. */
function isWriteTarget(ctx: TransformContext, id: Node, parent: Node): boolean {
  if (parent.type === "UpdateExpression") return true;
  let child: Node = id;
  let current: Node | undefined = parent;
  while (current) {
    switch (current.type) {
      case "AssignmentExpression":
        return current.left === child;
      case "ForInStatement":
      case "ForOfStatement":
        return current.left === child;
      case "ArrayPattern":
      case "RestElement":
        break;
      case "AssignmentPattern":
        if (current.left !== child) return false;
        break;
      case "ObjectProperty":
        if (current.value !== child) return false;
        break;
      case "ObjectPattern":
        break;
      default:
        return false;
    }
    child = current;
    current = ctx.parentOf(current);
  }
  return false;
}

function isScopeNode(node: Node): boolean {
  switch (node.type) {
    case "Program":
    case "BlockStatement":
    case "StaticBlock":
    case "TSModuleBlock":
    case "ForStatement":
    case "ForInStatement":
    case "ForOfStatement":
    case "CatchClause":
    case "SwitchStatement":
    case "ClassExpression":
      return true;
    default:
      return isFunctionNode(node);
  }
}

/** The binding for `name` that this node declares as a scope (block, function, loop head…), if any. */
export function declaredIn(ctx: TransformContext, scope: Node, name: string): Binding | undefined {
  return declarationIn(ctx, scope, name);
}

function declarationIn(ctx: TransformContext, scope: Node, name: string): Binding | undefined {
  if (!isScopeNode(scope)) return undefined;
  switch (scope.type) {
    case "Program":
      return (
        declarationInStatements(scope, scope.body, name) ?? hoistedVar(scope, scope.body, name)
      );
    case "BlockStatement":
    case "StaticBlock":
    case "TSModuleBlock":
      return declarationInStatements(scope, scope.body, name);
    case "SwitchStatement":
      return declarationInStatements(
        scope,
        scope.cases.flatMap((c) => c.consequent),
        name,
      );
    case "ForStatement":
      return scope.init?.type === "VariableDeclaration"
        ? declarationInVariables(scope, scope.init, name, false)
        : undefined;
    case "ForInStatement":
    case "ForOfStatement":
      return scope.left.type === "VariableDeclaration"
        ? declarationInVariables(scope, scope.left, name, false)
        : undefined;
    case "CatchClause": {
      const id = scope.param
        ? patternIdentifiers(scope.param).find((i) => i.name === name)
        : undefined;
      return id ? { name, kind: "catch", id, scope, owner: scope } : undefined;
    }
    case "ClassExpression":
      return scope.id?.name === name
        ? { name, kind: "class", id: scope.id, scope, owner: scope }
        : undefined;
    default:
      return declarationInFunction(scope as t.Function, name);
  }
}

function declarationInFunction(fn: t.Function, name: string): Binding | undefined {
  if (fn.type === "FunctionExpression" && fn.id?.name === name) {
    return { name, kind: "function", id: fn.id, scope: fn, owner: fn };
  }
  for (const param of fn.params) {
    const id = patternIdentifiers(param).find((i) => i.name === name);
    if (id) return { name, kind: "param", id, scope: fn, owner: fn };
  }
  if (fn.body.type !== "BlockStatement") return undefined;
  return hoistedVar(fn, fn.body.body, name);
}

function declarationInStatements(
  scope: Node,
  statements: readonly Node[],
  name: string,
): Binding | undefined {
  for (const raw of statements) {
    const statement =
      (raw.type === "ExportNamedDeclaration" || raw.type === "ExportDefaultDeclaration") &&
      raw.declaration
        ? raw.declaration
        : raw;
    switch (statement.type) {
      case "VariableDeclaration": {
        const found = declarationInVariables(scope, statement, name, false);
        if (found) return found;
        break;
      }
      case "FunctionDeclaration":
      case "ClassDeclaration":
        if (statement.id?.name === name) {
          const kind = statement.type === "ClassDeclaration" ? "class" : "function";
          return { name, kind, id: statement.id, scope, owner: statement };
        }
        break;
      case "TSEnumDeclaration":
        if (statement.id.name === name)
          return { name, kind: "enum", id: statement.id, scope, owner: statement };
        break;
      case "ImportDeclaration":
        for (const specifier of statement.specifiers) {
          if (specifier.local.name === name) {
            return { name, kind: "import", id: specifier.local, scope, owner: statement };
          }
        }
        break;
      default:
        break;
    }
  }
  return undefined;
}

function declarationInVariables(
  scope: Node,
  declaration: t.VariableDeclaration,
  name: string,
  wantVar: boolean,
): Binding | undefined {
  if ((declaration.kind === "var") !== wantVar) return undefined;
  for (const declarator of declaration.declarations) {
    const id = patternIdentifiers(declarator.id).find((i) => i.name === name);
    if (id) {
      const kind: BindingKind = declaration.kind.includes("using")
        ? "using"
        : (declaration.kind as BindingKind);
      return { name, kind, id, scope, declarator, declaration };
    }
  }
  return undefined;
}

/** `var` declarations anywhere in a function (or program) body, outside nested functions. */
function hoistedVar(scope: Node, statements: readonly Node[], name: string): Binding | undefined {
  let found: Binding | undefined;
  for (const statement of statements) {
    walk(statement, (node) => {
      if (found) return false;
      if (isFunctionNode(node)) return false;
      if (node.type === "VariableDeclaration" && node.kind === "var") {
        found = declarationInVariables(scope, node, name, true);
        if (found) return false;
      }
      return undefined;
    });
    if (found) break;
  }
  return found;
}

/** The identifiers a binding pattern declares: `{ a, b: [c] }` → a, c. */
function patternIdentifiers(pattern: Node): t.Identifier[] {
  switch (pattern.type) {
    case "Identifier":
      return [pattern];
    case "ObjectPattern":
      return pattern.properties.flatMap((p) =>
        p.type === "RestElement" ? patternIdentifiers(p.argument) : patternIdentifiers(p.value),
      );
    case "ArrayPattern":
      return pattern.elements.flatMap((e) => (e ? patternIdentifiers(e) : []));
    case "AssignmentPattern":
      return patternIdentifiers(pattern.left);
    case "RestElement":
      return patternIdentifiers(pattern.argument);
    case "TSParameterProperty":
      return patternIdentifiers(pattern.parameter);
    default:
      return [];
  }
}

/** Every identifier name that appears in the file: a new name must avoid all of them. */
function namesInFile(ctx: TransformContext): ReadonlySet<string> {
  return ctx.memoize("names-in-file", () => {
    const names = new Set<string>();
    for (const node of ctx.nodesOfType("Identifier")) names.add((node as t.Identifier).name);
    for (const node of ctx.nodesOfType("JSXIdentifier")) names.add((node as t.JSXIdentifier).name);
    return names;
  });
}

/** `base`, or `base2`, `base3`… whichever no identifier in the file uses yet. */
export function freshName(
  ctx: TransformContext,
  base: string,
  taken: ReadonlySet<string> = new Set(),
): string {
  const names = namesInFile(ctx);
  let candidate = base;
  for (let i = 2; names.has(candidate) || taken.has(candidate) || RESERVED.has(candidate); i++) {
    candidate = `${base}${i}`;
  }
  return candidate;
}

const RESERVED = new Set([
  "arguments",
  "await",
  "break",
  "case",
  "catch",
  "class",
  "const",
  "continue",
  "debugger",
  "default",
  "delete",
  "do",
  "else",
  "enum",
  "eval",
  "export",
  "extends",
  "false",
  "finally",
  "for",
  "function",
  "if",
  "implements",
  "import",
  "in",
  "instanceof",
  "interface",
  "let",
  "new",
  "null",
  "package",
  "private",
  "protected",
  "public",
  "return",
  "static",
  "super",
  "switch",
  "this",
  "throw",
  "true",
  "try",
  "typeof",
  "var",
  "void",
  "while",
  "with",
  "yield",
]);
