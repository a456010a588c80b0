import { setImmediate as nextTurn } from "node:timers/promises";

/** Longest stretch of work between two turns of the event loop. */
const YIELD_INTERVAL_MS = 25;

/**
 * A function to await between files. Reading, parsing and rewriting a file are synchronous, and
 * awaiting what is already resolved does not let the event loop turn: without this, signals,
 * terminal input and the spinner's timer would all wait for the run to end. It lets the loop turn
 * once every `intervalMs` of work, which costs next to nothing (a turn is a few microseconds).
 */
export function eventLoopYielder(intervalMs = YIELD_INTERVAL_MS): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < intervalMs) return;
    await nextTurn();
    last = performance.now();
  };
}
