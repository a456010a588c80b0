import { Ajv } from "ajv";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mergeReports } from "../src/runner/merge.js";
import { transformSource } from "../src/core/engine.js";
import { parseDirective } from "../src/core/suppress.js";
import { githubReport } from "../src/reporters/github.js";
import { jsonReportData } from "../src/reporters/json.js";
import { markdownReport } from "../src/reporters/markdown.js";
import { sarifReport } from "../src/reporters/sarif.js";
import { textReport } from "../src/reporters/text.js";
import { runRecord } from "../src/runner/record.js";
import { run } from "../src/runner/run.js";
import { transforms, transformsById } from "../transforms/index.js";
import { lazymod, ROOT, tempProject } from "./helpers/cli.js";

const LINE = (name: string) => `export const ${name} = [1, 2].filter((x) => x > 1).length > 0;`;
const FIND = (name: string) => `export const ${name} = [1, 2].filter((x) => x > 1)[0];`;

function transform(source: string) {
  return transformSource(source, { path: "a.ts", transforms, maxRisk: 100 });
}

describe("ignore comments", () => {
  it("`// lazymod-ignore-next-line` suppresses every transform on the next line only", () => {
    const source = ["// lazymod-ignore-next-line", LINE("a"), LINE("b"), ""].join("\n");
    const result = transform(source);
    expect(result.changes.map((c) => c.line)).toEqual([3]);
    expect(result.output).toContain(LINE("a"));
    expect(result.suppressed).toEqual([
      {
        transform: "prefer-array-some",
        messageId: "compared",
        line: 2,
        column: 18,
        directive: "ignore-next-line",
        directiveLine: 1,
      },
    ]);
  });

  it("with transform ids (commas or spaces, and a `-- reason`), suppresses only those", () => {
    const source = [
      "// lazymod-ignore-next-line prefer-array-find, prefer-has -- measured, tiny list",
      `${LINE("a")} ${FIND("f1")}`,
      "/* lazymod-ignore-next-line prefer-array-find prefer-array-some */",
      `${LINE("b")} ${FIND("f2")}`,
      "",
    ].join("\n");
    const result = transform(source);
    expect(result.changes.map((c) => [c.line, c.transform])).toEqual([[2, "prefer-array-some"]]);
    expect(result.suppressed.map((s) => [s.line, s.transform]).sort()).toEqual([
      [2, "prefer-array-find"],
      [4, "prefer-array-find"],
      [4, "prefer-array-some"],
    ]);
  });

  it("`/* lazymod-disable */` anywhere suppresses in the whole file; with ids, only those", () => {
    const all = transform([LINE("a"), FIND("f"), "/* lazymod-disable */", ""].join("\n"));
    expect(all.changes).toEqual([]);
    expect(all.output).toBe([LINE("a"), FIND("f"), "/* lazymod-disable */", ""].join("\n"));
    expect(all.suppressed.map((s) => [s.transform, s.directive, s.directiveLine])).toEqual([
      ["prefer-array-some", "disable", 3],
      ["prefer-array-find", "disable", 3],
    ]);
    const some = transform(
      ["/** lazymod-disable prefer-array-find */", LINE("a"), FIND("f"), ""].join("\n"),
    );
    expect(some.changes.map((c) => c.transform)).toEqual(["prefer-array-some"]);
    expect(some.suppressed.map((s) => s.transform)).toEqual(["prefer-array-find"]);
  });

  it("reports suppressed positions in the original text even when earlier changes move it", () => {
    const source = [
      "const xs: number[] = [1];",
      "const big = xs.filter((x) => x > 1);",
      "if (big.length > 0) go();",
      "// lazymod-ignore-next-line",
      LINE("a"),
      "",
    ].join("\n");
    const result = transform(source);
    // The variable is inlined, so the output has one line fewer above the suppressed one.
    expect(result.output.split("\n")).toHaveLength(5);
    expect(result.suppressed).toHaveLength(1);
    expect(result.suppressed[0]).toMatchObject({ line: 5, column: 18, directiveLine: 4 });
  });

  it("covers both parts of a nested pattern on the line, in every pass", () => {
    const source = [
      "const g: number[][] = [[1]];",
      "// lazymod-ignore-next-line",
      "export const x = g.filter((a) => a.filter((n) => n > 1).length > 0).length > 0;",
      "",
    ].join("\n");
    const result = transform(source);
    expect(result.output).toBe(source);
    expect(result.suppressed.map((s) => [s.line, s.column])).toEqual([
      [3, 18],
      [3, 34],
    ]);
  });

  it("an inner pattern can be suppressed while the enclosing one on another line is rewritten", () => {
    const source = [
      "const g: number[][] = [[1]];",
      "export const x = g.filter((a) => {",
      "  // lazymod-ignore-next-line",
      "  return a.filter((n) => n > 1).length > 0;",
      "}).length > 0;",
      "",
    ].join("\n");
    const result = transform(source);
    expect(result.output).toBe(
      [
        "const g: number[][] = [[1]];",
        "export const x = g.some((a) => {",
        "  // lazymod-ignore-next-line",
        "  return a.filter((n) => n > 1).length > 0;",
        "});",
        "",
      ].join("\n"),
    );
    expect(result.suppressed.map((s) => [s.line, s.column, s.directiveLine])).toEqual([[4, 10, 3]]);
  });

  it("only whole comments that start with the directive count", () => {
    for (const source of [
      `const s = "// lazymod-ignore-next-line";\n${LINE("a")}\n`,
      `// lazymod-ignore-next-lines\n${LINE("a")}\n`,
      `// see lazymod-ignore-next-line\n${LINE("a")}\n`,
      `/* lazymod-disabled */\n${LINE("a")}\n`,
    ]) {
      const result = transform(source);
      expect(result.changes, source).toHaveLength(1);
      expect(result.suppressed, source).toEqual([]);
    }
  });

  it("parses directives", () => {
    expect(parseDirective(" lazymod-disable ")).toEqual({ kind: "disable", transforms: [] });
    expect(parseDirective("* lazymod-ignore-next-line a,b  c -- why, not d")).toEqual({
      kind: "ignore-next-line",
      transforms: ["a", "b", "c"],
    });
    expect(parseDirective("lazymod-ignore-next-line --")).toEqual({
      kind: "ignore-next-line",
      transforms: [],
    });
    expect(parseDirective("eslint-disable")).toBeUndefined();
  });
});

describe("ignore comments and changes through a variable", () => {
  const USERS = "interface User { admin: boolean }\ndeclare const users: User[];\n";
  const withLines = (...lines: string[]) => USERS + [...lines, ""].join("\n");
  const transformAll = (source: string) =>
    transformSource(source, { path: "a.ts", transforms, maxRisk: 100 });

  it("a directive above the line that tests the variable suppresses the change", () => {
    const source = withLines(
      "export function f() {",
      "  const admins = users.filter((u) => u.admin);",
      "  // lazymod-ignore-next-line",
      "  if (admins.length > 0) return 1;",
      "  return 0;",
      "}",
    );
    const result = transformAll(source);
    expect(result.changes).toEqual([]);
    expect(result.output).toBe(source);
    // Reported where the change would be: the declared name, not column 1.
    expect(result.suppressed).toEqual([
      {
        transform: "prefer-array-some",
        messageId: "binding",
        line: 4,
        column: 9,
        directive: "ignore-next-line",
        directiveLine: 5,
      },
    ]);
  });

  it("so does a directive above the declaration, and one naming the transform", () => {
    for (const [directive, at] of [
      ["// lazymod-ignore-next-line", "declaration"],
      ["// lazymod-ignore-next-line prefer-array-some -- tiny list", "use"],
    ] as const) {
      const lines = [
        "export function f() {",
        "  const admins = users.filter((u) => u.admin);",
        "  if (admins.length > 0) return 1;",
        "  return 0;",
        "}",
      ];
      lines.splice(at === "declaration" ? 1 : 2, 0, `  ${directive}`);
      const result = transformAll(withLines(...lines));
      expect(result.changes, at).toEqual([]);
      expect(
        result.suppressed.map((s) => s.messageId),
        at,
      ).toEqual(["binding"]);
    }
  });

  it("a directive naming another transform, or above a line the change does not touch, does not", () => {
    for (const lines of [
      [
        "export function f() {",
        "  const admins = users.filter((u) => u.admin);",
        "  // lazymod-ignore-next-line prefer-has",
        "  if (admins.length > 0) return 1;",
        "  return 0;",
        "}",
      ],
      [
        "export function f(log: (s: string) => void) {",
        "  const admins = users.filter((u) => u.admin);",
        "  // lazymod-ignore-next-line",
        '  log("between the declaration and the use");',
        "  if (admins.length > 0) return 1;",
        "  return 0;",
        "}",
      ],
    ]) {
      const result = transformAll(withLines(...lines));
      expect(result.changes.map((c) => c.messageId)).toEqual(["binding"]);
      expect(result.suppressed).toEqual([]);
    }
  });

  it("covers every use a kept variable's change rewrites, and an ORM binding's use", () => {
    const twice = transformAll(
      withLines(
        "export function f() {",
        "  const admins = users.filter((u) => u.admin);",
        "  if (admins.length > 0) console.log(1);",
        "  // lazymod-ignore-next-line",
        "  return admins.length === 0;",
        "}",
      ),
    );
    expect(twice.changes).toEqual([]);
    expect(twice.suppressed.map((s) => [s.transform, s.line, s.column])).toEqual([
      ["prefer-array-some", 4, 9],
    ]);
    const orm = transformAll(
      [
        'import type { PrismaClient } from "@prisma/client";',
        "export async function countAdmins(prisma: PrismaClient) {",
        "  const admins = await prisma.user.findMany({ where: { admin: true } });",
        "  // lazymod-ignore-next-line prefer-orm-count",
        "  return admins.length;",
        "}",
        "",
      ].join("\n"),
    );
    expect(orm.changes).toEqual([]);
    expect(orm.suppressed.map((s) => [s.transform, s.messageId, s.line, s.column])).toEqual([
      ["prefer-orm-count", "binding", 3, 9],
    ]);
  });
});

describe("ignore comments naming unknown transforms", () => {
  const source = [
    "// lazymod-ignore-next-line prefer-arary-some",
    LINE("a"),
    "/* lazymod-disable prefer-hass, prefer-array-find -- see prefer-nothing */",
    "// lazymod-ignore-next-line -- about prefer-whatever",
    "",
  ].join("\n");

  it("warn with the line, the id's column and the nearest known id; the id suppresses nothing", () => {
    const result = transform(source);
    expect(result.warnings).toEqual([
      {
        id: "unknown-transform-in-directive",
        line: 1,
        column: 29,
        transform: "prefer-arary-some",
        suggestion: "prefer-array-some",
        message: expect.stringMatching(/did you mean `prefer-array-some`\?$/),
      },
      {
        id: "unknown-transform-in-directive",
        line: 3,
        column: 20,
        transform: "prefer-hass",
        suggestion: "prefer-has",
        message: expect.stringContaining("`prefer-hass`"),
      },
    ]);
    expect(source.split("\n")[0]!.slice(28)).toBe("prefer-arary-some");
    // Only the misspelt id is ignored: the line is still changed.
    expect(result.changes.map((c) => [c.line, c.transform])).toEqual([[2, "prefer-array-some"]]);
  });

  it("knows the ids it is given, not only the transforms that run", () => {
    const some = transforms.filter((t) => t.id === "prefer-array-some");
    const text = `// lazymod-ignore-next-line prefer-has\n${LINE("a")}\n`;
    expect(transformSource(text, { path: "a.ts", transforms: some }).warnings).toHaveLength(1);
    expect(
      transformSource(text, {
        path: "a.ts",
        transforms: some,
        knownTransforms: transforms.map((t) => t.id),
      }).warnings,
    ).toEqual([]);
  });
});

describe("unknown-id warnings in every format", () => {
  const FILE = `const xs: number[] = [1];\n// lazymod-ignore-next-line prefer-arary-some\n${LINE("a")}\n`;

  it("a run with some transforms selected warns only about ids no transform has", async () => {
    const p = tempProject({
      "src/a.ts": FILE,
      "src/b.ts": `// lazymod-ignore-next-line prefer-has\n${LINE("b")}\n`,
    });
    try {
      const result = await run({
        cwd: p.dir,
        transforms: [transformsById.get("prefer-array-some")!],
        // As the command line says: an ignore comment may name any registered transform.
        knownTransforms: transforms.map((t) => t.id),
      });
      expect(result.summary.warnings).toBe(1);
      const [file] = result.files.filter((f) => f.warnings);
      expect(file!.path).toBe("src/a.ts");
      expect(file!.warnings).toMatchObject([
        { line: 2, column: 29, transform: "prefer-arary-some", suggestion: "prefer-array-some" },
      ]);

      expect(textReport(result)).toMatch(
        /^warning src\/a\.ts:2:29: `lazymod-ignore-next-line` names `prefer-arary-some`, .*did you mean `prefer-array-some`\?$/m,
      );
      expect(textReport(result)).toMatch(/^Warnings: 1 /m);

      result.record = await runRecord({
        cwd: p.dir,
        paths: ["."],
        options: { maxRisk: result.maxRisk, target: result.target, write: false },
        transforms: result.transforms,
      });
      const json = jsonReportData(result);
      expect(json.summary.warnings).toBe(1);
      expect(json.files.find((f) => f.path === "src/a.ts")!.warnings).toEqual(file!.warnings);
      const schema = JSON.parse(
        readFileSync(path.join(ROOT, "schema/report-v1.schema.json"), "utf8"),
      );
      const validate = new Ajv({ strict: false }).compile(schema);
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);

      const markdown = markdownReport(result);
      expect(markdown).toContain("**Warnings** (nothing failed because of them):");
      expect(markdown).toContain(
        "- `src/a.ts:2:29`: `lazymod-ignore-next-line` names `prefer-arary-some`",
      );
      expect(markdown).toContain("**1 warning**");

      expect(githubReport(result)).toContain(
        "::warning file=src/a.ts,line=2,col=29,title=lazymod unknown-transform-in-directive::`lazymod-ignore-next-line` names `prefer-arary-some`",
      );
      expect(githubReport(result)).toMatch(/; 1 warning$/m);

      const sarif = JSON.parse(sarifReport(result)) as {
        runs: Array<{
          invocations: Array<{
            executionSuccessful: boolean;
            toolConfigurationNotifications: unknown[];
          }>;
        }>;
      };
      expect(sarif.runs[0]!.invocations[0]).toMatchObject({
        executionSuccessful: true,
        toolConfigurationNotifications: [
          {
            level: "warning",
            descriptor: { id: "unknown-transform-in-directive" },
            locations: [{ physicalLocation: { region: { startLine: 2, startColumn: 29 } } }],
          },
        ],
      });

      const merged = mergeReports([json], ["a.json"], { cwd: p.dir, transforms: [] });
      expect(merged.summary.warnings).toBe(1);
      expect(merged.files.find((f) => f.path === "src/a.ts")!.warnings).toEqual(file!.warnings);
    } finally {
      p.cleanup();
    }
  });

  it("the command line warns without failing, and keeps warnings out of a patch", () => {
    const p = tempProject({ "src/a.ts": FILE });
    try {
      const text = lazymod(["src"], p.dir);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain("warning src/a.ts:2:29: ");
      // Nothing left to change but the warning: --check passes.
      writeFileSync(
        path.join(p.dir, "src/b.ts"),
        `// lazymod-ignore-next-line prefer-arary-some\n// lazymod-ignore-next-line\n${LINE("b")}\n`,
      );
      const check = lazymod(["src/b.ts", "--check"], p.dir);
      expect(check.stdout).toContain("warning src/b.ts:1:29: ");
      expect(check.stdout).toMatch(/^Changes: 0 .*; 1 suppressed by ignore comments$/m);
      expect(check.code).toBe(0);
      const patch = lazymod(["src", "--format", "patch"], p.dir);
      expect(patch.code).toBe(0);
      expect(patch.stdout).toMatch(/^diff --git a\/src\/a.ts b\/src\/a.ts$/m);
      expect(patch.stdout).not.toContain("did you mean");
      expect(patch.stderr).toMatch(
        /^lazymod: warning: src\/a\.ts:2:29: .*did you mean `prefer-array-some`\?$/m,
      );
    } finally {
      p.cleanup();
    }
  });
});
