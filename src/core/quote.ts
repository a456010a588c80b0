import jsTokens from "js-tokens";

/** How long a quote of code in a message or a risk reason may be, ellipsis included. */
export const QUOTE_MAX = 60;

const ELLIPSIS = "…";
const LINE_TERMINATOR = /\r\n|[\n\r\u2028\u2029]/g;
/** After these, a line break is dropped rather than read as a space: `f(\n  x)` → `f(x)`. */
const OPENERS = new Set(["(", "[", ".", "?."]);
/** Before these, likewise: `this.repo\n  .find(…)` → `this.repo.find(…)`. */
const CLOSERS = new Set([")", "]", ".", "?.", ",", ";"]);
const CLOSERS_OF_GROUPS = new Set([")", "]", "}"]);

interface Token {
  text: string;
  /** Whitespace separated it from the previous token. */
  spaced: boolean;
}

/**
 * Code from the scanned file as messages and risk reasons quote it: one line, and at most `max`
 * characters. A quote that is too long is shortened in the middle, at token boundaries, with `…`:
 * first the contents of bracketed parts, the most deeply nested and longest first (arguments, an
 * object literal inside), so that the names around them stay
 * (`this.connection.getRepository(…).find`, `{ where: { … }, ...options }`), then the middle of
 * what is left. A trailing comma before a line break and a closing bracket is layout, and goes.
 *
 * The text is split with js-tokens, the tokenizer Babel's own code frames use: it never throws on a
 * fragment (a pattern with a type annotation, a comment, half a template), tells a regular
 * expression from a division, and keeps strings, templates and comments whole, which is all a
 * display needs. Re-parsing the fragment with @babel/parser would fail on most of those.
 */
export function quoteCode(code: string, max = QUOTE_MAX): string {
  let tokens = oneLineTokens(code);
  for (;;) {
    const parts = rendered(tokens);
    if (lengthOf(parts) <= max) return parts.join("");
    const elided = withLongestGroupElided(tokens);
    if (!elided) return shortened(parts, max);
    tokens = elided;
  }
}

function rendered(tokens: readonly Token[]): string[] {
  return tokens.map((token, i) => (i > 0 && token.spaced ? " " : "") + token.text);
}

function lengthOf(parts: readonly string[]): number {
  return parts.reduce((sum, part) => sum + part.length, 0);
}

const CLOSING: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

/**
 * The tokens with the contents of the most deeply nested bracketed part (the longest of those)
 * replaced by `…`; not the brackets around the whole quote (that would leave nothing to read),
 * and only contents longer than `…`.
 */
function withLongestGroupElided(tokens: readonly Token[]): Token[] | undefined {
  const parts = rendered(tokens);
  const open: number[] = [];
  let best: { from: number; to: number; depth: number; length: number } | undefined;
  tokens.forEach((token, i) => {
    if (CLOSING[token.text]) open.push(i);
    else if (open.length > 0 && CLOSING[tokens[open[open.length - 1]!]!.text] === token.text) {
      const from = open.pop()! + 1;
      if (from === 1 && i === tokens.length - 1) return;
      const depth = open.length;
      const length = lengthOf(parts.slice(from, i));
      if (length <= ELLIPSIS.length + 1) return;
      if (!best || depth > best.depth || (depth === best.depth && length > best.length))
        best = { from, to: i, depth, length };
    }
  });
  if (!best) return undefined;
  const ellipsis: Token = { text: ELLIPSIS, spaced: tokens[best.from]!.spaced };
  return [...tokens.slice(0, best.from), ellipsis, ...tokens.slice(best.to)];
}

/** Any text, with line breaks and the whitespace around them read as one space. */
export function singleLine(text: string): string {
  return text.replace(/[ \t]*(?:\r\n|[\n\r\u2028\u2029])\s*/g, " ");
}

function oneLineTokens(code: string): Token[] {
  const tokens: Token[] = [];
  let space = false;
  let lineBreak = false;
  for (const token of jsTokens(code)) {
    if (token.type === "WhiteSpace" || token.type === "LineTerminatorSequence") {
      space = true;
      lineBreak ||= token.type === "LineTerminatorSequence";
      continue;
    }
    const text = tokenText(token.type, token.value);
    let previous = tokens[tokens.length - 1];
    if (lineBreak && previous?.text === "," && CLOSERS_OF_GROUPS.has(text)) {
      tokens.pop();
      previous = tokens[tokens.length - 1];
    }
    const dropBreak = lineBreak && (!previous || OPENERS.has(previous.text) || CLOSERS.has(text));
    tokens.push({ text, spaced: space && !dropBreak });
    space = false;
    lineBreak = false;
  }
  return tokens;
}

/** A token's text on one line, meaning the same: escapes for line breaks inside strings and templates. */
function tokenText(type: string, value: string): string {
  switch (type) {
    case "StringLiteral":
      // `"a\<newline>b"` is `"ab"`; a raw U+2028 in a string is legal but breaks lines when shown.
      return value
        .replace(/\\(?:\r\n|[\n\r\u2028\u2029])/g, "")
        .replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
    case "NoSubstitutionTemplate":
    case "TemplateHead":
    case "TemplateMiddle":
    case "TemplateTail":
      return value
        .replace(/\\(?:\r\n|[\n\r\u2028\u2029])/g, "")
        .replace(LINE_TERMINATOR, (c) =>
          c === "\r\n" || c === "\n"
            ? "\\n"
            : c === "\r"
              ? "\\r"
              : `\\u${c.charCodeAt(0).toString(16)}`,
        );
    case "MultiLineComment":
      return singleLine(value);
    case "SingleLineComment":
      // Code after it on the same line would read as commented out.
      return `/*${value.slice(2).replaceAll("*/", "* /")} */`;
    default:
      return value;
  }
}

/**
 * The first and last tokens, then more from whichever end is shorter so far, while they fit; the
 * rest becomes `…`. Only a first or last token longer than the room left is cut inside.
 */
function shortened(parts: readonly string[], max: number): string {
  const room = max - ELLIPSIS.length;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (parts.length < 3 || first.length + last.length > room) return cutMiddle(parts.join(""), max);
  let head = 1;
  let tail = parts.length - 1;
  let headLength = first.length;
  let tailLength = last.length;
  while (head < tail) {
    const next = parts[head]!;
    const previous = parts[tail - 1]!;
    const headFits = headLength + tailLength + next.length <= room;
    const tailFits = headLength + tailLength + previous.length <= room;
    if (headFits && (headLength <= tailLength || !tailFits)) {
      headLength += next.length;
      head++;
    } else if (tailFits) {
      tailLength += previous.length;
      tail--;
    } else {
      break;
    }
  }
  if (head >= tail) return cutMiddle(parts.join(""), max);
  // `organizations….withDeleted`: the elided part starts at a `.`, not right after one.
  if (head > 1 && /^\??\.$/.test(parts[head - 1]!)) head--;
  // `{ where: { teamId, … ...options }`: the elided part keeps the space that opened it.
  const gap = parts[head]!.startsWith(" ") ? ` ${ELLIPSIS}` : ELLIPSIS;
  return parts.slice(0, head).join("") + gap + parts.slice(tail).join("");
}

function cutMiddle(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const room = max - ELLIPSIS.length;
  const front = Math.ceil(room / 2);
  return (
    chars.slice(0, front).join("") + ELLIPSIS + chars.slice(chars.length - (room - front)).join("")
  );
}

/**
 * Fills a message or reason template. Values land on one line; a value quoted in the template
 * (`` `{detail}` ``) that holds a backtick itself gets a longer fence, as in Markdown
 * (`` `` `${id}`.trim() `` ``), so the quote still ends where the code does.
 */
export function fillTemplate(
  template: string,
  placeholder: RegExp,
  value: (key: string) => string | undefined,
): string {
  const pattern = new RegExp(`(\`?)(?:${placeholder.source})(\`?)`, "g");
  return template.replace(pattern, (whole, open: string, key: string, close: string) => {
    const found = value(key);
    if (found === undefined) return whole;
    const text = singleLine(found);
    return open && close ? backticked(text) : `${open}${text}${close}`;
  });
}

/** Text between backticks, with a longer fence when it holds backticks itself (as Markdown reads it). */
export function backticked(text: string): string {
  if (!text.includes("`")) return `\`${text}\``;
  const fence = "`".repeat(longestBacktickRun(text) + 1);
  return `${fence} ${text} ${fence}`;
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}
