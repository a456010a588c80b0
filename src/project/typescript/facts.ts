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

/** The facts a program's checker gives about one of its files (whose text is the one lazymod read). */
export function factsOf(ts: TypeScript, program: TS.Program, file: TS.SourceFile): TypeFacts {
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
      return node && foreignFunction(ts, checker, node);
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
  const all = type.isUnion() ? type.types : [type];
  const isNullish = (t: TS.Type) =>
    (t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)) !== 0;
  const members = all.filter((t) => !isNullish(t));
  const unknown = members.some((t) => (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0);
  return {
    text: checker.typeToString(type),
    unknown: unknown || members.length === 0,
    nullable: members.length < all.length,
    members: members.map((t) => memberOf(ts, checker, t)),
  };
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

function kindOf(
  ts: TypeScript,
  checker: TS.TypeChecker,
  type: TS.Type,
  symbolName: string | undefined,
): TypeMember["kind"] {
  if (checker.isTupleType(type)) return "tuple";
  if (checker.isArrayType(type)) return "array";
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

/** The body of the function a reference names, when it is declared with one (not in a `.d.ts`). */
function foreignFunction(
  ts: TypeScript,
  checker: TS.TypeChecker,
  node: TS.Node,
): ForeignFunction | undefined {
  let symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(node) ? node.name : node);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declaration = symbol?.valueDeclaration;
  if (!declaration) return undefined;
  let fn: TS.Node | undefined;
  if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration))
    fn = declaration;
  else if (
    (ts.isVariableDeclaration(declaration) ||
      ts.isPropertyAssignment(declaration) ||
      ts.isPropertyDeclaration(declaration)) &&
    declaration.initializer &&
    (ts.isArrowFunction(declaration.initializer) ||
      ts.isFunctionExpression(declaration.initializer))
  )
    fn = declaration.initializer;
  if (!fn || !(fn as TS.FunctionLikeDeclaration).body) return undefined;
  const source = fn.getSourceFile();
  if (source.isDeclarationFile) return undefined;
  return {
    path: path.resolve(source.fileName),
    source: source.text,
    start: fn.getStart(source),
    end: fn.getEnd(),
  };
}
