import { VISITOR_KEYS } from "@babel/types";
import type { Node } from "../core/types.js";

/** Children of a node in source order, following @babel/types' visitor keys. */
export function childrenOf(node: Node): Node[] {
  const keys = VISITOR_KEYS[node.type];
  if (!keys) return [];
  const children: Node[] = [];
  const record = node as unknown as Record<string, unknown>;
  for (const key of keys) {
    const value = record[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  return children;
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as Node).type === "string";
}

/**
 * Depth-first, pre-order walk without recursion, so input that parsed cannot overflow the stack
 * here. `enter` returning `false` skips the node's children.
 */
export function walk(root: Node, enter: (node: Node, parent: Node | undefined) => boolean | void) {
  const stack: Array<[Node, Node | undefined]> = [[root, undefined]];
  while (stack.length > 0) {
    const [node, parent] = stack.pop()!;
    if (enter(node, parent) === false) continue;
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, node]);
  }
}

/** Parent pointers and nodes grouped by type, built in one walk. */
export interface TreeIndex {
  parentOf: Map<Node, Node>;
  byType: Map<string, Node[]>;
}

export function indexTree(root: Node): TreeIndex {
  const parentOf = new Map<Node, Node>();
  const byType = new Map<string, Node[]>();
  walk(root, (node, parent) => {
    if (parent) parentOf.set(node, parent);
    let list = byType.get(node.type);
    if (!list) byType.set(node.type, (list = []));
    list.push(node);
  });
  return { parentOf, byType };
}
