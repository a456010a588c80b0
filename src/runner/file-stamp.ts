import type { BigIntStats } from "node:fs";
import type { FileStamp } from "../core/result.js";

/** Coarser than the granularity of every file system's timestamps (FAT's is 2 s). */
const SETTLED_NS = 2_000_000_000n;

/** The stamp of a file from its `lstat(…, { bigint: true })`, taken at `statAtMs` (before reading it). */
export function stampOf(info: BigIntStats, statAtMs: number): FileStamp {
  const now = BigInt(Math.floor(statAtMs)) * 1_000_000n;
  return {
    size: Number(info.size),
    mtimeNs: String(info.mtimeNs),
    ctimeNs: String(info.ctimeNs),
    ino: String(info.ino),
    trusted: now - info.mtimeNs > SETTLED_NS && now - info.ctimeNs > SETTLED_NS,
  };
}

/** Whether a trusted stamp still describes the file (its `lstat` now). */
export function stampStands(stamp: FileStamp, info: BigIntStats): boolean {
  return (
    stamp.trusted &&
    stamp.size === Number(info.size) &&
    stamp.mtimeNs === String(info.mtimeNs) &&
    stamp.ctimeNs === String(info.ctimeNs) &&
    stamp.ino === String(info.ino)
  );
}
