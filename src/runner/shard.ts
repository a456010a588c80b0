import type { Shard } from "../core/result.js";
import { createHash } from "node:crypto";

/** `"2/5"` → `{ index: 2, count: 5 }`; undefined when malformed. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

/**
 * Whether a file belongs to a shard: a stable hash of its path relative to the working directory
 * (with `/` separators), so every machine of a CI matrix computes the same partition.
 */
export function isInShard(relativePath: string, shard: Shard): boolean {
  const hash = createHash("sha1").update(relativePath).digest().readUInt32BE(0);
  return hash % shard.count === shard.index - 1;
}
