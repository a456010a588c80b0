import { end, start } from "../core/context.js";
import type { Node, Piece, Rewrite } from "../core/types.js";

/** Inserts the pieces at `offset`, replacing nothing. */
export function insertAt(offset: number, pieces: Piece[]): Rewrite {
  return { start: offset, end: offset, pieces };
}

/**
 * The node's text as pieces, with rewrites inside it applied and the rest copied verbatim: one
 * expression made of several edits of the original (a method renamed and an option dropped), for
 * a rewrite of the code around it to embed. Rewrites at the same offset keep their order.
 */
export function rewrittenPieces(node: Node, rewrites: readonly Rewrite[]): Piece[] {
  const sorted = [...rewrites].sort((a, b) => a.start - b.start || a.end - b.end);
  const pieces: Piece[] = [];
  let cursor = start(node);
  for (const rewrite of sorted) {
    if (rewrite.start < cursor || rewrite.end > end(node))
      throw new Error("rewrites inside a node overlap or reach outside it");
    if (rewrite.start > cursor) pieces.push({ from: cursor, to: rewrite.start });
    pieces.push(...rewrite.pieces);
    cursor = rewrite.end;
  }
  if (cursor < end(node)) pieces.push({ from: cursor, to: end(node) });
  return pieces;
}
