import { spawn } from "node:child_process";
import path from "node:path";
import { CLI } from "./cli.js";

const DRIVER = path.join(import.meta.dirname, "pseudo-terminal.py");

export interface TerminalExit {
  /** The exit code, or undefined when a signal ended the process. */
  code: number | undefined;
  /** The signal that ended the process (its number), or 0. */
  signal: number;
}

export interface TerminalRun {
  /** Everything the terminal has shown so far (the command's stderr, and stdout unless redirected). */
  screen(): string;
  /** Resolves once what the terminal has shown passes the test (rejects if the command ends first). */
  waitFor(test: RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<void>;
  /** Types on the terminal's keyboard: "\x03" is Ctrl-C. */
  type(keys: string): void;
  /** Sends a signal to the command's process, as `kill -<name> <pid>` would. */
  kill(signal: "INT" | "TERM"): void;
  /** Resizes the terminal, as dragging its window does: the command gets SIGWINCH. */
  resize(columns: number, rows: number): void;
  exited: Promise<TerminalExit>;
}

/**
 * Runs the built `lazymod` in a pseudo-terminal (python3's pty module) of a real size, as a
 * user at a terminal would: stdin, stderr (and stdout, unless `stdoutFile` is given) are the
 * terminal, which is the process's controlling terminal, so a typed Ctrl-C is a Ctrl-C.
 */
export function lazymodInTerminal(
  args: readonly string[],
  options: {
    cwd: string;
    columns?: number;
    rows?: number;
    stdoutFile?: string;
    /** More environment variables for the command (an `EDITOR`, say). */
    env?: Record<string, string>;
  },
): TerminalRun {
  const extra = Object.entries(options.env ?? {}).map(([name, value]) => `${name}=${value}`);
  const command = [
    "env",
    "-u",
    "CI",
    "NO_COLOR=1",
    "TERM=xterm",
    ...extra,
    process.execPath,
    CLI,
    ...args,
  ];
  const child = spawn(
    "python3",
    [
      DRIVER,
      String(options.columns ?? 100),
      String(options.rows ?? 30),
      options.stdoutFile ?? "-",
      ...command,
    ],
    { cwd: options.cwd, stdio: ["pipe", "pipe", "pipe"] },
  );
  let screen = "";
  let control = "";
  const watchers = new Set<() => void>();
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    screen += chunk;
    for (const watcher of watchers) watcher();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (control += chunk));
  const exited = new Promise<TerminalExit>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", () => {
      const match = /^exit (-?\d+) (\d+)$/m.exec(control);
      if (!match) return reject(new Error(`the terminal driver failed: ${control}`));
      resolve({ code: match[1] === "-1" ? undefined : Number(match[1]), signal: Number(match[2]) });
    });
  });
  const send = (line: string) => child.stdin.write(`${line}\n`);
  return {
    screen: () => screen,
    waitFor(test, timeoutMs = 60_000) {
      const passes = typeof test === "function" ? test : (text: string) => test.test(text);
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!passes(screen)) return;
          done();
          resolve();
        };
        const timer = setTimeout(() => {
          done();
          reject(
            new Error(`timed out waiting on the terminal for ${test}:\n${screen.slice(-2000)}`),
          );
        }, timeoutMs);
        const ended = () => {
          done();
          reject(new Error(`the command ended before ${test}:\n${screen.slice(-2000)}`));
        };
        const done = () => {
          clearTimeout(timer);
          watchers.delete(check);
          child.off("close", ended);
        };
        watchers.add(check);
        child.once("close", ended);
        check();
      });
    },
    type: (keys) => send(`type ${Buffer.from(keys, "utf8").toString("hex")}`),
    kill: (signal) => send(`kill ${signal}`),
    resize: (columns, rows) => send(`resize ${columns} ${rows}`),
    exited,
  };
}

/** The most files the progress line has shown as done, on a terminal that has shown `screen`. */
export function filesDone(screen: string): number {
  let most = 0;
  for (const match of screen.matchAll(/(\d+)\/\d+ files/g)) most = Math.max(most, Number(match[1]));
  return most;
}
