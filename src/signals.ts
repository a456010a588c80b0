import { abandonWrites } from "./runner/write.js";

/** The signals that stop a run, and the exit code for each (128 + its number, as shells say). */
const STOP_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

type StopSignal = keyof typeof STOP_EXIT_CODES;

export interface StopSignals {
  /** Aborts at the first SIGINT or SIGTERM (its reason is the signal's name). */
  readonly signal: AbortSignal;
  /** The first signal received, if any. */
  readonly received: StopSignal | undefined;
  /** The exit code for the first signal received (130 or 143). */
  readonly exitCode: number;
  /** Called at the first signal, to tell the user. */
  onFirst?: (signal: StopSignal) => void;
  /** Called at the second signal, just before the process exits (to put the terminal right). */
  onExitNow?: () => void;
}

/**
 * Takes over SIGINT (Ctrl-C) and SIGTERM for the rest of the process's life (the CLI's). The
 * first one aborts `signal`: the run starts no other file, finishes the one in progress, and the
 * CLI reports what it did and exits 130 or 143. A second one exits at once, with the code for
 * that signal, without leaving a torn file or a temporary one (see `abandonWrites`).
 */
export function stopOnSignals(): StopSignals {
  const controller = new AbortController();
  let received: StopSignal | undefined;
  const state: StopSignals = {
    signal: controller.signal,
    get received() {
      return received;
    },
    get exitCode() {
      return received ? STOP_EXIT_CODES[received] : 0;
    },
  };
  const stop = (signal: StopSignal) => {
    if (received === undefined) {
      received = signal;
      controller.abort(signal);
      state.onFirst?.(signal);
      return;
    }
    abandonWrites();
    state.onExitNow?.();
    process.stderr.write(
      `\nlazymod: ${signal} again: exiting now; every file is either as it was or fully rewritten\n`,
    );
    process.exit(STOP_EXIT_CODES[signal]);
  };
  for (const name of Object.keys(STOP_EXIT_CODES) as StopSignal[])
    process.on(name, () => stop(name));
  return state;
}
