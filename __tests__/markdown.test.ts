import { transforms } from "../transforms/index.js";
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
import { run } from "../src/runner/run.js";
import { type RunResult } from "../src/core/result.js";
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
    result = await run({ transforms, cwd: project.dir });
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
      const report = githubReport(await run({ transforms, cwd: p.dir }));
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
    result = await run({ transforms, cwd: project.dir });
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
    const note =
      /^> - would be applied by `lazymod --write`: (\d+) of 360 changes, in (\d+) files? \(🟢 (\d+) low\)$/m.exec(
        report,
      );
    expect(note).not.toBeNull();
    expect(Number(note![1])).toBe(360 - changes);
    expect(Number(note![3])).toBe(360 - changes);
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
      `> - would be applied by \`lazymod --write\`: ${3 - changes} of 3 changes, in 1 file (🟢 ${3 - changes} low)`,
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

describe("markdown order: what --write applies first, then held back, then reported only", () => {
  // Held-back and report-only files sort before the applicable ones, and alone are far over the
  // limit: alphabetical truncation would leave every applicable change out.
  const HELD = [
    "export const a = (xs) => xs.filter(isValid).length > 0;",
    "// padding so each change has its own hunk",
    "",
    "",
    "",
    "",
    "export const b = (xs) => xs.filter(isReady).length === 0;",
    "",
  ].join("\n");
  const REPORT = "export const first = (orders) => orders.filter((o) => !o.paid) /* one */ [0];\n";
  const APPLY =
    "const xs: number[] = [1, 2];\nexport const any = xs.filter((x) => x > 1).length > 0;\n";
  const MIXED = [
    "export const low = (xs) => xs.filter((x) => x > 1).length > 0;",
    "export const medium = (xs) => xs.filter(isValid).length > 0;",
    "",
  ].join("\n");
  let project: ReturnType<typeof tempProject>;
  let result: RunResult;
  beforeAll(async () => {
    const files: Record<string, string> = { "src/m-mixed.js": MIXED };
    for (let i = 0; i < 70; i++) files[`src/a-held-${String(i).padStart(2, "0")}.js`] = HELD;
    for (let i = 0; i < 30; i++) files[`src/b-report-${String(i).padStart(2, "0")}.js`] = REPORT;
    for (let i = 0; i < 3; i++) files[`src/z-apply-${i}.ts`] = APPLY;
    project = tempProject(files);
    result = await run({ transforms, cwd: project.dir });
  });
  afterAll(() => project.cleanup());

  type Status = "apply" | "held" | "report";
  const HEADINGS: Array<[RegExp, Status]> = [
    [/^#### Would be applied by `lazymod --write`: /, "apply"],
    [/^#### Held back \(risk above --max-risk 24\): /, "held"],
    [/^#### Reported only \(no automatic fix\): /, "report"],
  ];

  /** Every change the report shows, as `status path:line band`, read back from the Markdown. */
  function shownChanges(report: string): string[] {
    const shown: string[] = [];
    let status: Status | undefined;
    let path = "";
    for (const line of report.split("\n")) {
      const heading = HEADINGS.find(([pattern]) => pattern.test(line));
      if (heading) status = heading[1];
      const summary = /^<summary><code>([^<]+)<\/code>/.exec(line);
      if (summary) path = summary[1]!;
      const change = /^\*\*\S+ (low|medium|high) \d+\/100\*\* · .* · line (\d+) · /.exec(line);
      if (change) shown.push(`${status} ${path}:${change[2]} ${change[1]}`);
    }
    return shown;
  }

  function allChanges(status: Status): string[] {
    return result.files.flatMap((f) =>
      f.changes
        .filter((c) => c.status === status)
        .map((c) => `${status} ${f.path}:${c.line} ${c.risk.band}`),
    );
  }

  /** The note's line for a section: left out, total, files, and changes per risk band. */
  function noteLine(report: string, name: string) {
    const line = report.split("\n").find((l) => l.startsWith(`> - ${name}: `));
    if (!line) return undefined;
    const [, left, total, files, bands] =
      /: (\d+) of (\d+) changes?, in (\d+) files? \((.*)\)$/.exec(line)!;
    const byBand = Object.fromEntries(
      bands!.split(" · ").map((part) => {
        const [, count, band] = /(\d+) (\w+)$/.exec(part)!;
        return [band!, Number(count)];
      }),
    );
    return { left: Number(left), total: Number(total), files: Number(files), byBand };
  }

  /** What the note should say of a section, computed from the run and what the report shows. */
  function expectedOmission(report: string, status: Status) {
    const shown = new Set(shownChanges(report));
    const left = allChanges(status).filter((c) => !shown.has(c));
    const byBand: Record<string, number> = {};
    for (const c of left) byBand[c.split(" ").at(-1)!] = (byBand[c.split(" ").at(-1)!] ?? 0) + 1;
    const files = new Set(left.map((c) => c.split(" ")[1]!.replace(/:\d+$/, "")));
    return { left: left.length, total: allChanges(status).length, files: files.size, byBand };
  }

  it("the run has what the test needs: far over the limit, applicable changes last by path", () => {
    expect(result.summary).toMatchObject({ applicable: 4, heldBack: 141, reportOnly: 30 });
    const paths = result.files.filter((f) => f.changes.length > 0).map((f) => f.path);
    expect(paths.at(-1)).toBe("src/z-apply-2.ts");
  });

  it("shows every applicable change, before any held-back one, even when truncated", () => {
    const report = markdownReport(result);
    expect(report.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(report).toContain("Truncated to stay under");
    const shown = shownChanges(report);
    expect(shown.filter((c) => c.startsWith("apply "))).toEqual(allChanges("apply"));
    // Sections in order, and each file's changes in its section only.
    const order = shown.map((c) => c.split(" ")[0]);
    expect(order.indexOf("held")).toBe(allChanges("apply").length);
    expect(order.lastIndexOf("apply")).toBeLessThan(order.indexOf("held"));
    // The mixed file is split: its applicable change first, its held one among the held back.
    expect(shown).toContain("apply src/m-mixed.js:1 low");
    expect(report).toContain(
      "<summary><code>src/m-mixed.js</code> · 1 change · 🟢 1 low · this file also has 1 held back</summary>",
    );
    // Within a section, files by path.
    const heldPaths = shown.filter((c) => c.startsWith("held ")).map((c) => c.split(/[ :]/)[1]!);
    expect(heldPaths).toEqual([...heldPaths].sort());
    const html = md.render(report);
    expect(count(html, "<details>")).toBe(count(html, "</details>"));
  });

  it("the note counts exactly what was left out, per section and per risk band", () => {
    for (const limit of [GITHUB_COMMENT_LIMIT, 30_000, 6_000]) {
      const report = markdownReport(result, { limit });
      expect(report.length, `limit ${limit}`).toBeLessThanOrEqual(limit);
      for (const [status, name] of [
        ["apply", "would be applied by `lazymod --write`"],
        ["held", "held back (risk above --max-risk 24)"],
        ["report", "reported only (no automatic fix)"],
      ] as const) {
        const expected = expectedOmission(report, status);
        const note = noteLine(report, name);
        if (expected.left === 0) expect(note, `${status} at ${limit}`).toBeUndefined();
        else expect(note, `${status} at ${limit}`).toEqual(expected);
      }
    }
    // At the GitHub limit the applicable changes all fit, some held back ones too, and no
    // report-only one.
    const full = markdownReport(result);
    expect(noteLine(full, "would be applied by `lazymod --write`")).toBeUndefined();
    expect(noteLine(full, "held back (risk above --max-risk 24)")!.left).toBeGreaterThan(0);
    expect(noteLine(full, "held back (risk above --max-risk 24)")!.left).toBeLessThan(141);
    expect(noteLine(full, "reported only (no automatic fix)")).toEqual({
      left: 30,
      total: 30,
      files: 30,
      byBand: { high: 30 },
    });
  });

  it("words the applicable changes for a dry run, and as written after --write", async () => {
    const dry = markdownReport(result, { limit: 6_000 });
    expect(dry).toContain("· would be applied by `lazymod --write`\n");
    expect(dry).not.toMatch(/(?<!be )applied by `--write`|· written\b/);
    const p = tempProject({ "src/mixed.js": MIXED, "src/apply.ts": APPLY });
    try {
      const written = markdownReport(await run({ transforms, cwd: p.dir, write: true }));
      expect(written).toContain("#### Written by `lazymod --write`: 2 changes in 2 files\n");
      expect(count(written, /· line \d+ · written\n/g)).toBe(2);
      expect(written).not.toContain("would be applied");
      expect(written).toContain(
        "<summary><code>src/mixed.js</code> · 1 change · 🟢 1 low · this file also has 1 held back</summary>",
      );
      expect(written).toContain(
        "<summary><code>src/mixed.js</code> · 1 change · 🟡 1 medium · this file also has 1 written</summary>",
      );
    } finally {
      p.cleanup();
    }
  });
});
