import type * as t from "@babel/types";
import {
  isCallLike,
  isMemberLike,
  skipTypeWrappers,
  type CallLike,
  type MemberLike,
} from "../../../src/ast/predicates.js";
import type { Node } from "../../../src/core/types.js";

/** One `.name(…)` call of a method chain. */
export interface ChainLink {
  name: string;
  call: CallLike;
  callee: MemberLike & { property: t.Identifier };
}

/**
 * `root.a(…).b(…)` → root and the links `a`, `b` (innermost first). Stops at the first callee
 * that is not a plain `.name(…)` method call (that is the root).
 */
export function unchain(node: Node): { root: Node; links: ChainLink[] } {
  const links: ChainLink[] = [];
  let current: Node = node;
  for (;;) {
    const inner = skipTypeWrappers(current);
    if (!isCallLike(inner) || !isMemberLike(inner.callee)) break;
    const callee = inner.callee;
    if (callee.computed || callee.property.type !== "Identifier") break;
    links.unshift({
      name: callee.property.name,
      call: inner,
      callee: callee as MemberLike & { property: t.Identifier },
    });
    current = callee.object;
  }
  return { root: current, links };
}
