import type * as t from "@babel/types";
import { LineIndex } from "./hunk.js";

// Ignore comments, read from the file being transformed:
//
//     // lazymod-ignore-next-line                      every transform, on the next line
//     // lazymod-ignore-next-line prefer-has, prefer-array-some -- why
//     /* lazymod-disable */                            every transform, in the whole file
//     /* lazymod-disable prefer-array-find -- why */
//
// Either comment style works for either directive. Transform ids may be separated by commas or
// spaces; text after ` -- ` is a free-form reason. A match that a directive covers is not a change:
// it is counted as suppressed.

export type DirectiveKind = "ignore-next-line" | "disable";

export interface Directive {
  kind: DirectiveKind;
  /** Transform ids it applies to; empty for all. */
  transforms: string[];
  /** 0-based line of the comment's end in the text it was read from. */
  line: number;
  /** The comment's range in that text. */
  start: number;
  end: number;
}

/** A match an ignore comment suppressed; positions are in the original text, like a Change's. */
export interface SuppressedMatch {
  transform: string;
  messageId: string;
  line: number;
  column: number;
  directive: DirectiveKind;
  /** 1-based line of the ignore comment in the original text. */
  directiveLine: number;
}

const DIRECTIVE = /^lazymod-(ignore-next-line|disable)(?=\s|$)([^]*)$/;

/** The directive a comment holds, if any. */
export function parseDirective(
  comment: string,
): Pick<Directive, "kind" | "transforms"> | undefined {
  // Tolerate JSDoc-style `/** … */` and leading stars on continuation lines.
  const text = comment.replace(/^[\s*]+/, "").trimEnd();
  const match = DIRECTIVE.exec(text);
  if (!match) return undefined;
  const [, kind, rest = ""] = match;
  const idsText = rest.split(/\s--\s|\s--$/)[0] ?? "";
  const transforms = idsText
    .split(/[\s,]+/)
    .map((id) => id.trim())
    .filter(Boolean);
  return { kind: kind as DirectiveKind, transforms };
}

export class Suppressions {
  readonly lines: LineIndex;
  private readonly fileWide: Directive[] = [];
  private readonly byTargetLine = new Map<number, Directive[]>();

  constructor(source: string, comments: readonly t.Comment[]) {
    this.lines = new LineIndex(source);
    for (const comment of comments) {
      const parsed = parseDirective(comment.value);
      if (!parsed) continue;
      const start = comment.start ?? 0;
      const end = comment.end ?? start;
      const directive: Directive = { ...parsed, line: this.lines.lineOf(end), start, end };
      if (directive.kind === "disable") {
        this.fileWide.push(directive);
      } else {
        const target = directive.line + 1;
        this.byTargetLine.set(target, [...(this.byTargetLine.get(target) ?? []), directive]);
      }
    }
  }

  get isEmpty(): boolean {
    return this.fileWide.length === 0 && this.byTargetLine.size === 0;
  }

  /**
   * The directive that covers a match of `transform` reported at these offsets (the change's start
   * and the node it is reported at): `ignore-next-line` covers the line either starts on.
   */
  covering(transform: string, offsets: readonly number[]): Directive | undefined {
    const applies = (d: Directive) => d.transforms.length === 0 || d.transforms.includes(transform);
    const fileWide = this.fileWide.find(applies);
    if (fileWide) return fileWide;
    for (const offset of offsets) {
      const found = this.byTargetLine.get(this.lines.lineOf(offset))?.find(applies);
      if (found) return found;
    }
    return undefined;
  }
}

/** Ignore comments of a file, or undefined when it has none (the common case, kept cheap). */
export function suppressionsOf(
  source: string,
  comments: readonly t.Comment[],
): Suppressions | undefined {
  if (!source.includes("lazymod-")) return undefined;
  const suppressions = new Suppressions(source, comments);
  return suppressions.isEmpty ? undefined : suppressions;
}
