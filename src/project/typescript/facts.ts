import path from "node:path";
import type * as TS from "typescript";
import type {
  ForeignFunction,
  Range,
  TypeFacts,
  TypeMember,
  TypeOrigin,
  TypeView,
} from "../../core/type-facts.js";
import type { TypeScript } from "./load.js";

/**
 * The facts a program's checker gives about one of its files (whose text is the one lazymod read);
 * `display` names another file for messages (relative to the run's directory).
 */
export function factsOf(
  ts: TypeScript,
  program: TS.Program,
  file: TS.SourceFile,
  display: (file: string) => string = (name) => name,
): TypeFacts {
  const checker = program.getTypeChecker();
  const nodes = new Map<string, TS.Node | undefined>();
  const nodeAt = (range: Range) => {
    const key = `${range.start}:${range.end}`;
    if (!nodes.has(key)) nodes.set(key, innermostAt(ts, file, range));
    return nodes.get(key);
  };
  return {
    typeOf(range) {
      const node = nodeAt(range);
      return node && viewOf(ts, checker, checker.getTypeAtLocation(node));
    },
    functionOf(range) {
      const node = nodeAt(range);
      return node && foreignFunction(ts, checker, node, display);
    },
    acceptsAbsent(range, absent) {
      const node = nodeAt(range);
      return node && ts.isExpression(node) ? slotAccepts(ts, checker, node, absent) : undefined;
    },
  };
}

/** The innermost node whose range is exactly `range` (inside parentheses, the expression). */
function innermostAt(ts: TypeScript, file: TS.SourceFile, range: Range): TS.Node | undefined {
  let found: TS.Node | undefined;
  const visit = (node: TS.Node) => {
    const start = node.getStart(file);
    const end = node.getEnd();
    if (start > range.start || end < range.end) return;
    if (start === range.start && end === range.end) found = node;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(file, visit);
  return found;
}

function viewOf(ts: TypeScript, checker: TS.TypeChecker, type: TS.Type): TypeView {
  // `T extends Item[]`: what it is, is its constraint; an unconstrained `T` could be anything.
  const all = (type.isUnion() ? type.types : [type]).flatMap((t) => {
    const constrained =
      t.flags & ts.TypeFlags.Instantiable ? checker.getBaseConstraintOfType(t) : t;
    if (!constrained) return [checker.getUnknownType()];
    return constrained.isUnion() ? constrained.types : [constrained];
  });
  const nullish = (t: TS.Type) =>
    t.flags & ts.TypeFlags.Null
      ? "null"
      : t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)
        ? "undefined"
        : undefined;
  const members = all.filter((t) => !nullish(t));
  const unknown = members.some((t) => (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0);
  const absent = new Set(all.map(nullish).filter((n) => n !== undefined));
  return {
    text: checker.typeToString(type),
    unknown: unknown || members.length === 0,
    nullable: absent.size > 0,
    nullish: [...absent].sort(),
    members: members.map((t) => memberOf(ts, checker, t)),
  };
}

/**
 * Whether the slot an expression sits in (a parameter, an annotated variable, a property, a
 * declared return type) accepts the value with `null` or `undefined` added; undefined where the
 * slot has no type of its own (an unannotated variable, a member read) or a generic one.
 */
function slotAccepts(
  ts: TypeScript,
  checker: TS.TypeChecker,
  node: TS.Expression,
  absent: "null" | "undefined",
): boolean | undefined {
  const slot = checker.getContextualType(node);
  if (!slot) return undefined;
  if (slot.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
  const members = slot.isUnion() ? slot.types : [slot];
  if (members.some((t) => t.flags & ts.TypeFlags.Instantiable)) return undefined;
  const value = absent === "null" ? checker.getNullType() : checker.getUndefinedType();
  return checker.isTypeAssignableTo(value, slot);
}

function memberOf(ts: TypeScript, checker: TS.TypeChecker, type: TS.Type): TypeMember {
  const apparent = checker.getApparentType(type);
  const symbolName = (type.aliasSymbol ?? type.getSymbol())?.getName();
  const property = (name: string) => checker.getPropertyOfType(apparent, name);
  return {
    text: checker.typeToString(type),
    kind: kindOf(ts, checker, type, symbolName),
    has: (name) => property(name) !== undefined,
    callable(name, arity) {
      const symbol = property(name);
      if (!symbol) return false;
      const signatures = checker.getTypeOfSymbol(symbol).getCallSignatures();
      return signatures.some((signature) => minimumArity(signature) <= arity);
    },
    declarerOf(name) {
      const declaration = property(name)?.getDeclarations()?.[0];
      const owner = declaration?.parent;
      const symbol = owner && (owner as TS.Node & { symbol?: TS.Symbol }).symbol;
      if (!declaration || !symbol) return undefined;
      return { name: symbol.getName(), ...moduleOf(declaration.getSourceFile().fileName) };
    },
    returnOf(name) {
      const symbol = property(name);
      const signature = symbol && checker.getTypeOfSymbol(symbol).getCallSignatures()[0];
      return signature && viewOf(ts, checker, signature.getReturnType());
    },
    origins: originsOf(ts, checker, type),
    typeArguments: typeArgumentsOf(checker, type).map((t) => checker.typeToString(t)),
    isClass:
      (type.getSymbol()?.flags ?? 0) & ts.SymbolFlags.Class
        ? type.getConstructSignatures().length > 0
        : false,
  };
}

/** What an array rewrite calls or reads: another part of an intersection declaring one may differ. */
const ARRAY_METHODS = new Set([
  "filter",
  "map",
  "some",
  "every",
  "find",
  "findLast",
  "includes",
  "indexOf",
  "at",
  "shift",
  "pop",
  "length",
]);

function kindOf(
  ts: TypeScript,
  checker: TS.TypeChecker,
  type: TS.Type,
  symbolName: string | undefined,
): TypeMember["kind"] {
  if (checker.isTupleType(type)) return "tuple";
  if (checker.isArrayType(type)) return "array";
  // `Item[] & { readonly brand: "ids" }`: an array, unless another part brings methods of its own.
  if (type.isIntersection()) {
    const arrays = type.types.filter((t) => checker.isArrayType(t) || checker.isTupleType(t));
    const others = type.types.filter((t) => !arrays.includes(t));
    const ownMethods = others.some((t) =>
      checker.getPropertiesOfType(t).some((p) => ARRAY_METHODS.has(p.getName())),
    );
    if (arrays.length > 0 && !ownMethods)
      return arrays.every((t) => checker.isTupleType(t)) ? "tuple" : "array";
  }
  if (type.flags & ts.TypeFlags.StringLike) return "string";
  if (type.flags & ts.TypeFlags.NumberLike) return "number";
  if (type.flags & ts.TypeFlags.BooleanLike) return "boolean";
  if (isLibType(type) && (symbolName === "Set" || symbolName === "ReadonlySet")) return "set";
  if (isLibType(type) && (symbolName === "Map" || symbolName === "ReadonlyMap")) return "map";
  if (type.getCallSignatures().length > 0) return "function";
  return "object";
}

/** Declared by TypeScript's standard library (lib.*.d.ts), not by the project or a package. */
function isLibType(type: TS.Type): boolean {
  const declarations = type.getSymbol()?.getDeclarations() ?? [];
  return (
    declarations.length > 0 &&
    declarations.every((d) =>
      /[\\/]typescript[\\/]lib[\\/]lib\.[^\\/]*\.d\.ts$/.test(d.getSourceFile().fileName),
    )
  );
}

function minimumArity(signature: TS.Signature): number {
  return signature.getParameters().filter((parameter) => {
    const declaration = parameter.valueDeclaration as TS.ParameterDeclaration | undefined;
    return (
      declaration &&
      !declaration.questionToken &&
      !declaration.initializer &&
      !declaration.dotDotDotToken
    );
  }).length;
}

function typeArgumentsOf(checker: TS.TypeChecker, type: TS.Type): readonly TS.Type[] {
  if (type.aliasTypeArguments?.length) return type.aliasTypeArguments;
  const reference = type as TS.TypeReference;
  return reference.target ? checker.getTypeArguments(reference) : [];
}

/**
 * The type's alias and its own symbol (`type PrismaPromise<T> = runtime.PrismaPromise<T>` names
 * both), then every class or interface it extends or implements; each part of an intersection.
 */
function originsOf(ts: TypeScript, checker: TS.TypeChecker, type: TS.Type): TypeOrigin[] {
  const origins: TypeOrigin[] = [];
  const seen = new Set<TS.Symbol>();
  /** Records a symbol's origin once; false when it was seen before. */
  const note = (symbol: TS.Symbol) => {
    if (seen.has(symbol)) return false;
    seen.add(symbol);
    const declaration = symbol.getDeclarations()?.[0];
    // Anonymous object types (`__type`, `__object`) are declared nowhere worth naming.
    if (declaration && !symbol.getName().startsWith("__"))
      origins.push({ name: symbol.getName(), ...moduleOf(declaration.getSourceFile().fileName) });
    return true;
  };
  const visit = (t: TS.Type, depth: number) => {
    if (depth > 8) return;
    // `BetterSQLite3Database<S> & { $client: Database }`: where each part is declared.
    if (t.isIntersection() && !t.aliasSymbol) {
      for (const part of t.types) visit(part, depth + 1);
      return;
    }
    const alias = t.aliasSymbol;
    const aliasIsNew = alias ? note(alias) : false;
    const symbol = t.getSymbol();
    if (!symbol || (symbol === alias ? !aliasIsNew : !note(symbol))) return;
    // `typeof Model`: what the class extends is on its instance type's side.
    const instance =
      symbol.flags & ts.SymbolFlags.Class && t.getConstructSignatures().length > 0
        ? t.getConstructSignatures()[0]!.getReturnType()
        : t;
    const target = (instance as TS.TypeReference).target ?? instance;
    if (target.isClassOrInterface()) {
      for (const base of checker.getBaseTypes(target)) visit(base, depth + 1);
      for (const declaration of symbol.getDeclarations() ?? []) {
        if (!ts.isClassDeclaration(declaration)) continue;
        for (const clause of declaration.heritageClauses ?? [])
          for (const implemented of clause.types)
            visit(checker.getTypeAtLocation(implemented), depth + 1);
      }
    }
  };
  visit(type, 0);
  return origins;
}

/** `…/node_modules/@prisma/client/index.d.ts` → `@prisma/client`, `index.d.ts`; else `project`. */
function moduleOf(fileName: string): { module: string; file: string } {
  const parts = fileName.split(/[\\/]/);
  const index = parts.lastIndexOf("node_modules");
  if (index === -1) return { module: "project", file: fileName };
  const scoped = parts[index + 1]?.startsWith("@");
  const name = parts.slice(index + 1, index + (scoped ? 3 : 2)).join("/");
  // pnpm's store: node_modules/.pnpm/<name>@<version>/node_modules/<name>/…
  return { module: name, file: parts.slice(index + (scoped ? 3 : 2)).join("/") };
}

/**
 * The body of the function a reference names, when it is declared with one (not in a `.d.ts`) and
 * nothing else can stand in its place at run time: a function declaration, a `const` holding an
 * arrow or function expression, a static method, a method or property of an object literal held
 * by a `const`. An instance method is left alone: a subclass may override it.
 */
function foreignFunction(
  ts: TypeScript,
  checker: TS.TypeChecker,
  node: TS.Node,
  display: (file: string) => string,
): ForeignFunction | undefined {
  let symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(node) ? node.name : node);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declaration = symbol?.valueDeclaration;
  if (!declaration) return undefined;
  let fn: TS.Node | undefined;
  if (ts.isFunctionDeclaration(declaration)) fn = declaration;
  else if (ts.isMethodDeclaration(declaration)) {
    const isStatic = ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Static;
    if (ts.isClassLike(declaration.parent) ? isStatic : isConstObject(ts, declaration.parent))
      fn = declaration;
  } else if (
    (ts.isVariableDeclaration(declaration) &&
      ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) ||
    (ts.isPropertyAssignment(declaration) && isConstObject(ts, declaration.parent))
  ) {
    const initializer = (declaration as TS.VariableDeclaration | TS.PropertyAssignment).initializer;
    if (initializer && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)))
      fn = initializer;
  }
  if (!fn || !(fn as TS.FunctionLikeDeclaration).body) return undefined;
  const source = fn.getSourceFile();
  if (source.isDeclarationFile) return undefined;
  return {
    path: display(path.resolve(source.fileName)),
    source: source.text,
    start: fn.getStart(source),
    end: fn.getEnd(),
  };
}

/** An object literal a `const` holds (`export const rules = { isValid(x) {…} }`). */
function isConstObject(ts: TypeScript, node: TS.Node): boolean {
  if (!ts.isObjectLiteralExpression(node)) return false;
  let holder = node.parent;
  while (
    ts.isAsExpression(holder) ||
    ts.isSatisfiesExpression(holder) ||
    ts.isParenthesizedExpression(holder)
  )
    holder = holder.parent;
  return (
    ts.isVariableDeclaration(holder) && (ts.getCombinedNodeFlags(holder) & ts.NodeFlags.Const) !== 0
  );
}
