import type * as t from "@babel/types";
import { outermostWrapper } from "../ast/context-predicates.js";
import { isLoopStatement } from "../ast/hot-paths.js";
import { isFunctionNode } from "../ast/predicates.js";
import { walk } from "../ast/walk.js";
import { isMovableWithoutRewrapping } from "../fix/layout.js";
import { end, start, type TransformContext } from "./context.js";
import { hasSideEffects } from "./effects.js";
import { bindingUses, declaredIn, findBinding, type Binding } from "./scope.js";
import type { Node } from "./types.js";

/** `const r = <init>;` whose every use is known. */
export interface LocalBinding {
  binding: Binding;
  name: string;
  declarator: t.VariableDeclarator;
  declaration: t.VariableDeclaration;
  /** Reads of the binding, in source order. */
  uses: t.Identifier[];
  /**
   * The only use sits in the very next statement and runs before anything there that could change
   * what the initialiser reads, so the initialiser can move to the use (and its text can move
   * without re-wrapping).
   */
  canMoveToUse: boolean;
}

/**
 * The local variable an expression initialises, if it is simple enough to rewrite through:
 * one identifier, never reassigned, not exported, not a top-level `var` (which scripts share),
 * every use after the declaration, and no `eval`/`with` in reach.
 */
export function localBindingOf(ctx: TransformContext, init: Node): LocalBinding | undefined {
  const self = outermostWrapper(ctx, init);
  const declarator = ctx.parentOf(self);
  if (declarator?.type !== "VariableDeclarator" || declarator.init !== self) return undefined;
  if (declarator.id.type !== "Identifier") return undefined;
  const declaration = ctx.parentOf(declarator);
  if (declaration?.type !== "VariableDeclaration") return undefined;
  const holder = ctx.parentOf(declaration);
  if (!holder || holder.type === "ExportNamedDeclaration") return undefined;
  if (declaration.kind === "var" && holder.type === "Program") return undefined;
  if (declaration.kind !== "const" && declaration.kind !== "let" && declaration.kind !== "var")
    return undefined;
  const binding = findBinding(ctx, declarator.id);
  if (!binding || binding.id !== declarator.id) return undefined;
  const uses = bindingUses(ctx, binding);
  if (!uses || uses.writes.length > 0 || uses.reads.length === 0) return undefined;
  const reads = uses.reads as Node[];
  if (reads.some((use) => use.type !== "Identifier" || start(use) < end(declarator)))
    return undefined;
  const identifiers = (reads as t.Identifier[]).sort((a, b) => start(a) - start(b));
  return {
    binding,
    name: declarator.id.name,
    declarator,
    declaration,
    uses: identifiers,
    canMoveToUse:
      identifiers.length === 1 &&
      declaration.declarations.length === 1 &&
      canMoveInitializerTo(ctx, declaration, declarator, identifiers[0]!) &&
      // A chain laid out over several lines would land unwrapped in the use (`if (users\n  .some(…))`).
      isMovableWithoutRewrapping(ctx.source, declarator.init!),
  };
}

function canMoveInitializerTo(
  ctx: TransformContext,
  declaration: t.VariableDeclaration,
  declarator: t.VariableDeclarator,
  use: t.Identifier,
): boolean {
  const next = nextStatement(ctx, declaration);
  if (!next || start(use) < start(next) || end(use) > end(next)) return false;
  // The use must run once, when the next statement starts: not in a callback, not in a loop.
  for (
    let node: Node | undefined = ctx.parentOf(use);
    node && node !== next;
    node = ctx.parentOf(node)
  ) {
    if (isFunctionNode(node) || isLoopStatement(node) || node.type === "ClassBody") return false;
  }
  if (isLoopStatement(next) && !isEvaluatedOnceInLoopHead(next, use)) return false;
  if (somethingBeforeHasSideEffects(ctx, next, use)) return false;
  return !initializerNameShadowed(ctx, declarator, use, next);
}

function nextStatement(ctx: TransformContext, statement: Node): Node | undefined {
  const holder = ctx.parentOf(statement);
  let body: readonly Node[] | undefined;
  if (
    holder?.type === "BlockStatement" ||
    holder?.type === "Program" ||
    holder?.type === "StaticBlock"
  )
    body = holder.body;
  else if (holder?.type === "SwitchCase") body = holder.consequent;
  if (!body) return undefined;
  const index = body.indexOf(statement);
  return index === -1 ? undefined : body[index + 1];
}

function isEvaluatedOnceInLoopHead(loop: Node, use: Node): boolean {
  const within = (node: Node | null | undefined) =>
    !!node && start(node) <= start(use) && end(use) <= end(node);
  if (loop.type === "ForOfStatement" || loop.type === "ForInStatement") return within(loop.right);
  if (loop.type === "ForStatement") return within(loop.init);
  return false;
}

/** Source order approximates evaluation order: anything ending before the use runs first. */
function somethingBeforeHasSideEffects(ctx: TransformContext, statement: Node, use: Node): boolean {
  let found = false;
  walk(statement, (node) => {
    if (found) return false;
    if (end(node) <= start(use)) {
      if (hasSideEffects(ctx, node)) found = true;
      return false;
    }
    return start(node) <= start(use) && end(use) <= end(node);
  });
  return found;
}

/** A name the initialiser reads that a scope between the use and the declaration redeclares. */
function initializerNameShadowed(
  ctx: TransformContext,
  declarator: t.VariableDeclarator,
  use: Node,
  next: Node,
): boolean {
  const names = new Set<string>();
  walk(declarator.init!, (node) => {
    if (node.type === "Identifier") names.add(node.name);
  });
  for (let node: Node | undefined = ctx.parentOf(use); node; node = ctx.parentOf(node)) {
    for (const name of names) if (declaredIn(ctx, node, name)) return true;
    if (node === next) break;
  }
  return false;
}
