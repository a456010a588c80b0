import { structuredPatch } from "diff";

const CONTEXT = 3;

/** Line starts of a text, for offset → line/column and excerpts. */
export class LineIndex {
  readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1))
      this.starts.push(i + 1);
  }

  /** 0-based line of an offset. */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** 1-based line and column. */
  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line: line + 1, column: offset - this.starts[line]! + 1 };
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]!;
  }

  /** Offset just past the end of a 0-based line (its newline included), or the text's end. */
  lineEnd(line: number): number {
    return line + 1 < this.starts.length ? this.starts[line + 1]! : this.text.length;
  }
}

/**
 * A unified hunk showing one replacement alone, with 3 lines of context. Only the lines around
 * the change are diffed, so the cost does not depend on the file's size.
 */
export function hunkFor(lines: LineIndex, start: number, end: number, replacement: string): string {
  const firstLine = Math.max(0, lines.lineOf(start) - CONTEXT);
  const lastLine = Math.min(lines.starts.length - 1, lines.lineOf(end) + CONTEXT);
  const excerptStart = lines.lineStart(firstLine);
  const excerptEnd = lines.lineEnd(lastLine);
  const before = lines.text.slice(excerptStart, excerptEnd);
  const after =
    lines.text.slice(excerptStart, start) + replacement + lines.text.slice(end, excerptEnd);
  const patch = structuredPatch("a", "b", normalize(before), normalize(after), "", "", {
    context: CONTEXT,
  });
  return patch.hunks
    .map((hunk) => {
      const header = `@@ -${hunk.oldStart + firstLine},${hunk.oldLines} +${hunk.newStart + firstLine},${hunk.newLines} @@`;
      return [header, ...hunk.lines].join("\n");
    })
    .join("\n");
}

function normalize(text: string): string {
  const unified = text.replace(/\r\n/g, "\n");
  return unified.endsWith("\n") ? unified : `${unified}\n`;
}
