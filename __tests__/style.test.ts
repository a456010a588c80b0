import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { transformSource } from "../src/core/engine.js";
import { parseSource } from "../src/core/parse.js";
import { DEFAULT_STYLE, inferStyle } from "../src/core/style.js";
import { projectFormattingFor } from "../src/project/formatter-config.js";
import { transformsById } from "../transforms/index.js";
import { tempProject } from "./helpers/cli.js";

function styleOf(source: string, hints = {}) {
  return inferStyle(source, parseSource(source, "ts"), hints);
}

describe("the style of a file", () => {
  it("follows the file's majority of quotes, semicolons, lone arrow parameters and object braces", () => {
    const source = [
      "import {a} from 'a'",
      "const b = {c: 'd'}",
      'const e = "it\'s"',
      "export const f = (xs: number[]) => xs.map(x => x + 1)",
      "",
    ].join("\n");
    expect(styleOf(source)).toMatchObject({
      quote: "'",
      semicolons: false,
      arrowParens: "avoid",
      bracketSpacing: false,
    });
    expect(styleOf('const a = { b: "c" };\nexport const d = [1].map((x) => x);\n')).toMatchObject({
      quote: '"',
      semicolons: true,
      arrowParens: "always",
      bracketSpacing: true,
    });
  });

  it("takes the indentation unit from the file: tabs, or the most common step", () => {
    expect(styleOf("function f() {\n\tif (a) {\n\t\treturn 1;\n\t}\n}\n").indent).toBe("\t");
    expect(
      styleOf(
        "function f() {\n    if (a) {\n        return 1;\n    }\n    /**\n     * x\n     */\n}\n",
      ).indent,
    ).toBe("    ");
  });

  it("falls back to the project's configuration where the file shows nothing, then to the defaults", () => {
    const empty = "let a\n";
    expect(styleOf("x;\n", { quote: "'", arrowParens: "avoid", printWidth: 100 })).toMatchObject({
      quote: "'",
      arrowParens: "avoid",
      printWidth: 100,
    });
    expect(styleOf(empty)).toMatchObject({ ...DEFAULT_STYLE, semicolons: false });
  });
});

describe("parentheses and line breaks of a rewrite", () => {
  const some = transformsById.get("prefer-array-some")!;
  const run = (source: string) =>
    transformSource(source, { path: "a.ts", transforms: [some], maxRisk: 100 }).output;
  const xs = "declare const xs: number[];\ndeclare const f: boolean;\n";

  it("drops parentheses the new expression does not need, and keeps those it does", () => {
    expect(run(`${xs}export const a = !(xs.filter((x) => x > 1).length > 0);\n`)).toContain(
      "export const a = !xs.some((x) => x > 1);",
    );
    expect(run(`${xs}export const b = (xs.filter((x) => x > 1).length > 0) && f;\n`)).toContain(
      "export const b = xs.some((x) => x > 1) && f;",
    );
    // `!xs.some(…)` needs its own parentheses as the object of a member access.
    expect(
      run(`${xs}export const c = (xs.filter((x) => x > 1).length === 0).valueOf();\n`),
    ).toContain("export const c = (!xs.some((x) => x > 1)).valueOf();");
    // `xs?.some(p) === false` is a comparison: it keeps `!(…)`'s parentheses.
    expect(run(`${xs}export const d = !(xs?.filter((x) => x > 1).length === 0);\n`)).toContain(
      "export const d = !(xs?.some((x) => x > 1) === false);",
    );
  });

  it("joins a line break after `=` only when the new line fits the print width", () => {
    const short = `${xs}export const has =\n  xs.filter((element) => element > 1 && element < 1000).length > 0;\n`;
    expect(run(short)).toContain(
      "export const has = xs.some((element) => element > 1 && element < 1000);\n",
    );
    const long = `${xs}export const hasSomethingWithAVeryLongName =\n  xs.filter((element) => element > 1 && element < 1000).length > 0;\n`;
    expect(run(long)).toContain(
      "export const hasSomethingWithAVeryLongName =\n  xs.some((element) => element > 1 && element < 1000);\n",
    );
  });
});

describe("moving an initialiser into its use", () => {
  const some = transformsById.get("prefer-array-some")!;
  const source = [
    "declare const orders: { status: string; total: number }[];",
    "export function f() {",
    '  const open = orders.filter((order) => order.status === "open" && order.total > 100);',
    '  if (open.length > 0) return "some open orders are large enough to care about";',
    '  return "none";',
    "}",
    "",
  ].join("\n");
  const run = (styleHints = {}) =>
    transformSource(source, { path: "a.ts", transforms: [some], maxRisk: 100, styleHints }).output;

  it("moves it when no formatter enforces a width", () => {
    expect(run()).toContain(
      '  if (orders.some((order) => order.status === "open" && order.total > 100)) return',
    );
  });

  it("keeps the variable, holding the answer, when the moved line would pass the formatter's width", () => {
    expect(run({ formatterWidth: 80, printWidth: 80 })).toContain(
      '  const hasOpen = orders.some((order) => order.status === "open" && order.total > 100);\n  if (hasOpen) return',
    );
    expect(run({ formatterWidth: 160, printWidth: 160 })).toContain("  if (orders.some(");
  });
});

describe("the project's formatter configuration, read as data", () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  function project(files: Record<string, string>) {
    const created = tempProject(files);
    mkdirSync(path.join(created.dir, ".git"));
    cleanup = created.cleanup;
    return created.dir;
  }

  it("reads a YAML .prettierrc with overrides for the file, under .editorconfig", () => {
    const dir = project({
      ".editorconfig":
        "root = true\n[*]\nindent_style = space\nindent_size = 4\nmax_line_length = 120\n",
      ".prettierrc":
        "singleQuote: true\noverrides:\n  - files: '*.ts'\n    options:\n      semi: false\n",
      "src/a.ts": "",
      "src/b.js": "",
    });
    expect(projectFormattingFor(path.join(dir, "src/a.ts"))).toMatchObject({
      hints: {
        quote: "'",
        semicolons: false,
        indent: "    ",
        tabWidth: 4,
        printWidth: 120,
        formatterWidth: 120,
      },
      formatters: [{ name: "prettier", configFile: path.join(dir, ".prettierrc") }],
    });
    expect(projectFormattingFor(path.join(dir, "src/b.js")).hints.semicolons).toBe(true);
  });

  it('reads package.json "prettier" and a biome.jsonc with comments; the nearest wins', () => {
    const dir = project({
      "package.json": JSON.stringify({ prettier: { arrowParens: "avoid", printWidth: 100 } }),
      "packages/web/biome.jsonc":
        '{\n  // Biome for this package\n  "javascript": { "formatter": { "quoteStyle": "single", "semicolons": "asNeeded" } },\n}\n',
      "packages/web/src/a.ts": "",
      "src/b.ts": "",
    });
    expect(projectFormattingFor(path.join(dir, "src/b.ts"))).toMatchObject({
      hints: { arrowParens: "avoid", printWidth: 100, quote: '"' },
      formatters: [{ name: "prettier", configFile: path.join(dir, "package.json") }],
    });
    const web = projectFormattingFor(path.join(dir, "packages/web/src/a.ts"));
    expect(web.hints).toMatchObject({
      quote: "'",
      semicolons: false,
      indent: "\t",
      printWidth: 80,
    });
    expect(web.formatters.map((f) => f.name)).toEqual(["biome", "prettier"]);
  });

  it("reads .oxfmtrc.json: Prettier's option names, 100 columns unless it says otherwise", () => {
    const dir = project({
      ".oxfmtrc.json": '{ "singleQuote": true, "useTabs": true }',
      "src/a.ts": "",
    });
    expect(projectFormattingFor(path.join(dir, "src/a.ts"))).toMatchObject({
      hints: { quote: "'", indent: "\t", printWidth: 100, formatterWidth: 100 },
      formatters: [{ name: "oxfmt", label: "oxfmt" }],
    });
  });

  it("notes a JavaScript configuration without running it, and finds the installed binary", () => {
    const dir = project({ "src/a.ts": "" });
    const marker = path.join(dir, "MARKER");
    writeFileSync(
      path.join(dir, "prettier.config.js"),
      `require("fs").writeFileSync(${JSON.stringify(marker)}, "ran");\nmodule.exports = { semi: false };\n`,
    );
    const bin = path.join(dir, "node_modules/.bin/prettier");
    mkdirSync(path.dirname(bin), { recursive: true });
    writeFileSync(bin, "");
    const found = projectFormattingFor(path.join(dir, "src/a.ts"));
    expect(found.formatters).toEqual([
      {
        name: "prettier",
        label: "Prettier",
        configFile: path.join(dir, "prettier.config.js"),
        binary: bin,
      },
    ]);
    // Prettier's defaults stand in for what only running the file would tell.
    expect(found.hints.semicolons).toBe(true);
    expect(existsSync(marker)).toBe(false);
  });
});
