// The visitor keys come from @babel/types' definitions module alone: its main entry also builds
// every builder, validator and alias table, about 0.1 s more at each start and in each worker.
import { VISITOR_KEYS } from "@babel/types/lib/definitions/index.js";
import type { Node } from "../core/types.js";

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as Node).type === "string";
}

/**
 * Depth-first, pre-order walk without recursion, so input that parsed cannot overflow the stack
 * here. `enter` returning `false` skips the node's children. Two parallel stacks and no per-node
 * arrays: this runs over every node of every parsed file.
 */
export function walk(root: Node, enter: (node: Node, parent: Node | undefined) => boolean | void) {
  const nodes: Node[] = [root];
  const parents: Array<Node | undefined> = [undefined];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const parent = parents.pop();
    if (enter(node, parent) === false) continue;
    const keys = VISITOR_KEYS[node.type];
    if (!keys) continue;
    const record = node as unknown as Record<string, unknown>;
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = record[keys[k]!];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const child: unknown = value[i];
          if (isNode(child)) {
            nodes.push(child);
            parents.push(node);
          }
        }
      } else if (isNode(value)) {
        nodes.push(value);
        parents.push(node);
      }
    }
  }
}

/**
 * Where a node's parent is recorded: on the node itself, under a symbol. Each AST belongs to one
 * engine pass and is dropped after it, and a property is several times cheaper than a Map entry
 * for the hundreds of thousands of nodes of a large file.
 */
const PARENT: unique symbol = Symbol("lazymod.parent");

type WithParent = { [PARENT]?: Node };

/** Nodes grouped by type, built in one walk that also records every node's parent. */
export interface TreeIndex {
  parentOf: (node: Node) => Node | undefined;
  byType: Map<string, Node[]>;
}

export function indexTree(root: Node): TreeIndex {
  const byType = new Map<string, Node[]>();
  walk(root, (node, parent) => {
    (node as WithParent)[PARENT] = parent;
    let list = byType.get(node.type);
    if (!list) byType.set(node.type, (list = []));
    list.push(node);
  });
  return { parentOf: (node) => (node as WithParent)[PARENT], byType };
}
