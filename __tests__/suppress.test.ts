import { describe, expect, it } from "vitest";
import { transformSource } from "../src/core/engine.js";
import { parseDirective } from "../src/core/suppress.js";
import { transforms } from "../transforms/index.js";

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
