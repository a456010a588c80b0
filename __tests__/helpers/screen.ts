import xterm from "@xterm/headless";

/**
 * What a terminal of a given size shows for some output: the output is played into a headless
 * xterm.js (cursor moves, erased lines, wrapping at the width), so a test reads the screen a
 * person would see, not the escape sequences that drew it.
 */
export class Screen {
  private readonly terminal: InstanceType<typeof xterm.Terminal>;

  constructor(columns: number, rows: number) {
    this.terminal = new xterm.Terminal({
      cols: columns,
      rows,
      scrollback: 10_000,
      allowProposedApi: true,
    });
  }

  write(data: string): Promise<void> {
    return new Promise((resolve) => this.terminal.write(data, resolve));
  }

  resize(columns: number, rows: number): void {
    this.terminal.resize(columns, rows);
  }

  /** Every line, the scrolled-off ones first, without trailing blanks. */
  lines(): string[] {
    const buffer = this.terminal.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++)
      lines.push(buffer.getLine(i)?.translateToString(true) ?? "");
    while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
    return lines;
  }

  /** The lines in view now (the bottom `rows` lines of the buffer). */
  visible(): string[] {
    const buffer = this.terminal.buffer.active;
    const lines: string[] = [];
    for (let i = buffer.viewportY; i < buffer.viewportY + this.terminal.rows; i++)
      lines.push(buffer.getLine(i)?.translateToString(true) ?? "");
    return lines;
  }
}

/** The screen for output played at one size; with `resizedAt`, resized there (a SIGWINCH). */
export async function screenOf(
  output: string,
  size: { columns: number; rows: number },
  resize?: { at: number; columns: number; rows: number },
): Promise<Screen> {
  const screen = new Screen(size.columns, size.rows);
  if (!resize) {
    await screen.write(output);
    return screen;
  }
  await screen.write(output.slice(0, resize.at));
  screen.resize(resize.columns, resize.rows);
  await screen.write(output.slice(resize.at));
  return screen;
}
