/**
 * The changes applied to one file so far, kept in the coordinates of the original text.
 *
 * Each pass of the engine finds changes in the *current* text. Recording one here maps its range
 * back to the original; when it overlaps a change from an earlier pass (a nested pattern whose
 * inner part was rewritten first), the two merge into one segment, so the final list is a set of
 * disjoint `original[start, end) → text` replacements that together turn the original into the
 * current text.
 */
export interface Segment<T> {
  start: number;
  end: number;
  text: string;
  meta: T;
}

interface Placed<T> {
  segment: Segment<T>;
  currentStart: number;
  currentEnd: number;
}

export interface Projection<T> {
  start: number;
  end: number;
  text: string;
  merged: Segment<T>[];
}

export class Ledger<T> {
  readonly original: string;
  private text: string;
  private segments: Segment<T>[] = [];

  constructor(original: string) {
    this.original = original;
    this.text = original;
  }

  get current(): string {
    return this.text;
  }

  get applied(): readonly Segment<T>[] {
    return this.segments;
  }

  /** Where replacing `current[start, end)` with `text` lands in the original, merged with overlaps. */
  project(start: number, end: number, text: string): Projection<T> {
    const placed = this.place();
    const merged = placed.filter((p) => overlaps(p.currentStart, p.currentEnd, start, end));
    const unionStart = Math.min(start, ...merged.map((p) => p.currentStart));
    const unionEnd = Math.max(end, ...merged.map((p) => p.currentEnd));
    const first = merged[0];
    const last = merged[merged.length - 1];
    const originalStart =
      first && first.currentStart === unionStart
        ? first.segment.start
        : this.toOriginal(placed, unionStart);
    const originalEnd =
      last && last.currentEnd === unionEnd ? last.segment.end : this.toOriginal(placed, unionEnd);
    const replacement = this.text.slice(unionStart, start) + text + this.text.slice(end, unionEnd);
    return {
      start: originalStart,
      end: originalEnd,
      text: replacement,
      merged: merged.map((p) => p.segment),
    };
  }

  /**
   * Applies one edit of the current text. Edits of one pass must be applied from the last to the
   * first, so that the current positions of the others stay valid.
   */
  apply(start: number, end: number, text: string, meta: (merged: Segment<T>[]) => T): Segment<T> {
    const projection = this.project(start, end, text);
    const segment: Segment<T> = {
      start: projection.start,
      end: projection.end,
      text: projection.text,
      meta: meta(projection.merged),
    };
    const kept = this.segments.filter((s) => !projection.merged.includes(s));
    const index = kept.findIndex((s) => s.start >= segment.start);
    kept.splice(index === -1 ? kept.length : index, 0, segment);
    this.segments = kept;
    this.text = this.text.slice(0, start) + text + this.text.slice(end);
    return segment;
  }

  private place(): Placed<T>[] {
    let delta = 0;
    return this.segments.map((segment) => {
      const currentStart = segment.start + delta;
      const currentEnd = currentStart + segment.text.length;
      delta += segment.text.length - (segment.end - segment.start);
      return { segment, currentStart, currentEnd };
    });
  }

  /** A current position outside every segment → the original position. */
  private toOriginal(placed: readonly Placed<T>[], position: number): number {
    let delta = 0;
    for (const p of placed) {
      if (p.currentEnd > position) break;
      delta += p.segment.text.length - (p.segment.end - p.segment.start);
    }
    return position - delta;
  }
}

/** Ranges that share at least one character; an empty range overlaps what touches it. */
function overlaps(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  if (aStart === aEnd || bStart === bEnd) return aStart <= bEnd && bStart <= aEnd;
  return aStart < bEnd && bStart < aEnd;
}
