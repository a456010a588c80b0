import type { FileReport } from "./core/result.js";

/** Progress on stderr, only on a terminal and never in CI (nor with `--no-progress`). */
export async function createProgress(wanted = true) {
  // A pseudo-terminal that reports 0 columns (`script`, some CI shells) would make the spinner's
  // line arithmetic loop forever: no progress there.
  const enabled =
    wanted && process.stderr.isTTY === true && !process.env.CI && (process.stderr.columns ?? 0) > 0;
  // ora (and what it pulls in) loads only when there is a terminal to draw on.
  // discardStdin: false leaves the terminal in its normal mode, where the terminal itself turns a
  // typed Ctrl-C into SIGINT; ora's raw mode would turn it into a byte on stdin, which nothing reads.
  const spinner = enabled
    ? (await import("ora"))
        .default({ stream: process.stderr, text: "Discovering files…", discardStdin: false })
        .start()
    : undefined;
  const started = performance.now();
  let changes = 0;
  return {
    update(report: FileReport, done: number, total: number) {
      changes += report.changes.length;
      if (!spinner) return;
      const seconds = (performance.now() - started) / 1000;
      const rate = done / Math.max(seconds, 0.001);
      const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
      spinner.text = `${done}/${total} files · ${changes} changes · ${Math.round(rate)} files/s · ETA ${eta}s`;
    },
    /** Report lines go to stdout with the spinner cleared, so the two never mix on a terminal. */
    print(chunk: string) {
      spinner?.clear();
      process.stdout.write(chunk);
      spinner?.render();
    },
    /** A message for the terminal, on stderr, above the spinner while it spins. */
    note(text: string) {
      const spinning = spinner?.isSpinning === true;
      if (spinning) spinner.clear();
      process.stderr.write(text);
      if (spinning) spinner.render();
    },
    stop: () => spinner?.stop(),
  };
}
