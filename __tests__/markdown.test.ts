import MarkdownIt from "markdown-it";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  codeBlock,
  codeSpan,
  escapeHtml,
  escapeText,
  GITHUB_COMMENT_LIMIT,
  markdownReport,
  MARKDOWN_MARKER,
} from "../src/reporters/markdown.js";
import { escapeData, escapeProperty, githubReport } from "../src/reporters/github.js";
import { run, type RunResult } from "../src/runner/run.js";
import { tempProject } from "./helpers/cli.js";

// GitHub-flavoured enough for these checks: raw HTML passes through (as GitHub allows <details>),
// tables and autolinks are on.
const md = new MarkdownIt({ html: true, linkify: true });

/** The rendered HTML with code (where nothing is interpreted) removed. */
function outsideCode(html: string): string {
  return html.replace(/<pre>[^]*?<\/pre>/g, "").replace(/<code>[^]*?<\/code>/g, "");
}

function count(text: string, needle: string | RegExp): number {
  return text.split(needle).length - 1;
}

const HOSTILE_NAME = "src/`x`</details><img src=y onerror=alert(1)>@octocat #1|a.ts";
const HOSTILE_SOURCE = [
  "// ```",
  "// </details></summary><script>alert(1)</script> @octocat @github/security #42",
  'const tag = "````</details>";',
  "export const a = window[`</details>@octocat`].filter((x) => x).length > 0;",
  'export const b = [1, 2].filter((x) => x === "<b>@octocat</b>").length > 0;',
  "",
].join("\n");

describe("markdown escaping against hostile file contents", () => {
  let project: ReturnType<typeof tempProject>;
  let result: RunResult;
  beforeAll(async () => {
    project = tempProject({
      [HOSTILE_NAME]: HOSTILE_SOURCE,
      "src/@octocat `broken`.ts": "export const = xs.filter(</details>);\n",
      "src/evil\n::error file=x::pwned,%0A.ts":
        "export const c = [1].filter((x) => x).length > 0;\n",
    });
    result = await run({ cwd: project.dir });
  });
  afterAll(() => project.cleanup());

  it("the run sees the hostile files", () => {
    expect(result.summary).toMatchObject({
      filesScanned: 3,
      filesFailed: 0,
      filesUnparsed: 1,
      changes: 3,
    });
  });

  it("keeps every <details> balanced, injects no HTML and mentions nobody", () => {
    const report = markdownReport(result);
    expect(report.startsWith(MARKDOWN_MARKER)).toBe(true);
    const html = md.render(report);
    const filesWithChanges = result.files.filter((f) => f.changes.length > 0).length;
    expect(count(html, "<details>")).toBe(filesWithChanges);
    expect(count(html, "</details>")).toBe(filesWithChanges);
    expect(count(html, "<summary>")).toBe(filesWithChanges);
    expect(count(html, "</summary>")).toBe(filesWithChanges);
    expect(html).not.toMatch(/<img|<script|<b>/i);
    // One code block per change: no fence inside the file closed its block early.
    expect(count(html, "<pre>")).toBe(result.summary.changes);
    const prose = outsideCode(html);
    expect(prose).not.toMatch(/@octocat|@github/);
    expect(prose).not.toMatch(/#42|#1\b/);
    // The hostile text is still there to read, as text.
    expect(html).toContain("&lt;/details&gt;");
    expect(html).toContain("@octocat");
  });

  it("names the hostile files as text in the summary and the failure list", () => {
    const html = md.render(markdownReport(result));
    expect(html).toContain("&lt;img src=y onerror=alert(1)&gt;");
    expect(html).toContain("<li><code>src/@octocat `broken`.ts</code>: syntax error");
  });
});

describe("GitHub workflow commands from hostile file names", () => {
  it("every line is one command: a name cannot end a value or start a command", async () => {
    const p = tempProject({
      "src/evil\n::error file=x::pwned,%0A.ts":
        "export const c = [1].filter((x) => x).length > 0;\n",
    });
    try {
      const report = githubReport(await run({ cwd: p.dir }));
      const lines = report.trimEnd().split("\n");
      expect(lines).toHaveLength(2); // the change and the summary
      expect(lines[0]).toMatch(
        /^::warning file=src\/evil%0A%3A%3Aerror file=x%3A%3Apwned%2C%250A\.ts,line=1,col=18,/,
      );
      expect(lines[1]).toMatch(/^::notice title=lazymod summary::/);
    } finally {
      p.cleanup();
    }
  });

  it("escapes like @actions/core", () => {
    expect(escapeData("50% done\r\nnext: a, b")).toBe("50%25 done%0D%0Anext: a, b");
    expect(escapeProperty("50% done\r\nnext: a, b")).toBe("50%25 done%0D%0Anext%3A a%2C b");
  });
});

describe("markdown escaping helpers", () => {
  it("code spans and blocks are fenced longer than any backtick run inside", () => {
    expect(codeSpan("a`b")).toBe("``a`b``");
    expect(codeSpan("`a`")).toBe("`` `a` ``");
    expect(codeSpan("x|y", true)).toBe("`x\\|y`");
    expect(codeBlock("x\n````\ny")).toBe("`````\nx\n````\ny\n`````\n");
    expect(codeBlock("plain", "diff")).toBe("```diff\nplain\n```\n");
    for (const text of ["`", "``a``", "a\nb", "```\n</details>"]) {
      const html = md.render(`x ${codeSpan(text)} y`);
      expect(html).toMatch(/<code>[^<]*<\/code>/);
    }
  });

  it("text escaping leaves no markup and no mentions", () => {
    expect(md.renderInline(escapeText("*a* [l](javascript:x) <b>@me</b> #12"))).not.toMatch(
      /<em>|<a |<b>|@me|#12/,
    );
    expect(escapeHtml('<a href="x">@me</a>')).not.toMatch(/[<>"]|@me/);
  });
});

describe("markdown size limit", () => {
  let project: ReturnType<typeof tempProject>;
  let result: RunResult;
  beforeAll(async () => {
    // 120 files with 3 changes each, every diff a few hundred characters: far over 65,536.
    const body = Array.from(
      { length: 3 },
      (_, i) => `export const has${i} = [1, 2, 3].filter((x) => x > ${i}).length > 0;\n`,
    ).join("\n// padding so each change has its own hunk\n\n\n\n\n\n\n");
    const files: Record<string, string> = {};
    for (let i = 0; i < 120; i++) files[`src/f${String(i).padStart(3, "0")}.ts`] = body;
    project = tempProject(files);
    result = await run({ cwd: project.dir });
  });
  afterAll(() => project.cleanup());

  function shown(report: string) {
    return {
      files: count(report, "<details>"),
      changes: count(report, /\*\*🟢 low \d+\/100\*\*/),
    };
  }

  it("stays under GitHub's comment limit and counts what it left out", () => {
    expect(result.summary.changes).toBe(360);
    const report = markdownReport(result);
    expect(report.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(report.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT * 0.9);
    const { files, changes } = shown(report);
    const note = /(\d+) more changes? in (\d+) files? not shown/.exec(report);
    expect(note).not.toBeNull();
    expect(Number(note![1])).toBe(360 - changes);
    const partial = count(report, "in this file not shown") > 0 ? 1 : 0;
    expect(Number(note![2])).toBe(120 - files + partial);
    expect(report).toContain("65,536-character comment limit");
    // Still well-formed: every opened <details> is closed.
    const html = md.render(report);
    expect(count(html, "<details>")).toBe(count(html, "</details>"));
  });

  it("cuts inside a file when the file does not fit whole, and says so", () => {
    const one = { ...result, files: result.files.slice(0, 1) };
    const whole = markdownReport(one);
    expect(whole).not.toContain("not shown");
    const report = markdownReport(one, { limit: whole.length - 1 });
    expect(report.length).toBeLessThan(whole.length);
    const { files, changes } = shown(report);
    expect(files).toBe(1);
    expect(changes).toBeGreaterThan(0);
    expect(changes).toBeLessThan(3);
    expect(report).toContain(
      `_…${3 - changes} more change${changes === 2 ? "" : "s"} in this file not shown_`,
    );
    expect(report).toContain(
      `${3 - changes} more change${changes === 2 ? "" : "s"} in 1 file not shown`,
    );
    const html = md.render(report);
    expect(count(html, "<details>")).toBe(count(html, "</details>"));
  });

  it("leaves a small report whole", () => {
    const small = { ...result, files: result.files.slice(0, 2) };
    const report = markdownReport(small);
    expect(report).not.toContain("not shown");
    expect(shown(report)).toEqual({ files: 2, changes: 6 });
  });
});
