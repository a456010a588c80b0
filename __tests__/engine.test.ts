import { describe, expect, it } from "vitest";
import { methodCallee } from "../src/ast/predicates.js";
import { defineTransform } from "../src/core/define.js";
import { transformSource } from "../src/core/engine.js";
import { Ledger } from "../src/core/ledger.js";
import { SourceParseError } from "../src/core/parse.js";
import type { BaseMatch } from "../src/core/types.js";
import { replaceNode } from "../src/fix/index.js";
import { transforms, transformsById } from "../transforms/index.js";

const some = transformsById.get("prefer-array-some")!;
const find = transformsById.get("prefer-array-find")!;

describe("transformSource", () => {
  it("keeps CRLF line endings and untouched text byte for byte", () => {
    const input =
      "const xs = [1];\r\n// keep   this\r\nif (xs.filter((x) => x > 0).length > 0) {\r\n  go();\r\n}\r\n";
    const { output, changes } = transformSource(input, { path: "a.ts", transforms: [some] });
    expect(output).toBe(
      "const xs = [1];\r\n// keep   this\r\nif (xs.some((x) => x > 0)) {\r\n  go();\r\n}\r\n",
    );
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ line: 3, column: 5, start: input.indexOf("xs.filter") });
    expect(input.slice(changes[0]!.start, changes[0]!.end)).toBe(
      "xs.filter((x) => x > 0).length > 0",
    );
  });

  it("keeps a byte-order mark, with offsets counted after it", () => {
    const input = "\uFEFFconst xs = [1];\nexport const a = xs.filter((x) => x).length > 0;\n";
    const { output, changes } = transformSource(input, { path: "a.ts", transforms: [some] });
    expect(output).toBe("\uFEFFconst xs = [1];\nexport const a = xs.some((x) => x);\n");
    expect(changes[0]!.start).toBe("const xs = [1];\nexport const a = ".length);
  });

  it("resolves nested patterns over passes into one change in original coordinates", () => {
    const input =
      "const g = [[1]];\nexport const x = g.filter((a) => a.filter((n) => n > 1).length > 0).length > 0;\n";
    const result = transformSource(input, { path: "a.ts", transforms: [some] });
    expect(result.output).toBe(
      "const g = [[1]];\nexport const x = g.some((a) => a.some((n) => n > 1));\n",
    );
    expect(result.passes).toBe(3);
    expect(result.changes).toHaveLength(1);
    const [change] = result.changes;
    expect(input.slice(0, change!.start) + change!.replacement + input.slice(change!.end)).toBe(
      result.output,
    );
    expect(change!.includes).toEqual(["prefer-array-some"]);
  });

  it("holds back changes above maxRisk and reports them with a replacement that applies to the original", () => {
    const input = "export const a = (xs) => xs.filter(check).length > 0;\n";
    const result = transformSource(input, { path: "a.js", transforms: [some], maxRisk: 24 });
    expect(result.changed).toBe(false);
    expect(result.output).toBe(input);
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]).toMatchObject({ status: "held", replacement: "xs.some(check)" });
    expect(result.changes[0]!.risk).toMatchObject({ score: 45, band: "medium" });
  });

  it("reports a change that would lose a comment without applying it", () => {
    const input = "const xs = [1];\nexport const a = xs.filter((x) => x) /* n */.length > 0;\n";
    const result = transformSource(input, { path: "a.ts", transforms: [some], maxRisk: 100 });
    expect(result.output).toBe(input);
    expect(result.changes[0]).toMatchObject({ status: "report", diff: "" });
    expect(result.changes[0]!.risk.factors.map((f) => f.id)).toContain("comments-in-range");
  });

  it("applies several transforms in one file", () => {
    const input =
      "const xs = [1];\nexport const a = xs.filter((x) => x).length > 0;\nexport const b = xs.filter((x) => x)[0];\n";
    const result = transformSource(input, { path: "a.ts", transforms, maxRisk: 100 });
    expect(result.output).toContain("xs.some((x) => x)");
    expect(result.output).toContain("xs.find((x) => x)");
    expect(result.changes.map((c) => c.transform)).toEqual([
      "prefer-array-some",
      "prefer-array-find",
    ]);
  });

  it("throws a SourceParseError naming line and column for input that does not parse", () => {
    expect(() => transformSource("const = ;\n", { path: "bad.ts", transforms })).toThrow(
      SourceParseError,
    );
    expect(() =>
      transformSource("let a = 1;\nconst = ;\n", { path: "bad.ts", transforms }),
    ).toThrow(/\(2:7\)/);
  });

  it("drops a change whose output does not parse and reports an internal error of its transform", () => {
    const broken = defineTransform<BaseMatch>({
      ...some,
      id: "broken-fixture",
      match: {
        CallExpression: (node) =>
          methodCallee(node, ["filter"]) ? { node, messageId: "m" } : undefined,
      },
      messages: { m: "broken" },
      assess: () => [],
      fix: (match) => [replaceNode(match.node, [")("])],
    });
    const input =
      "const xs = [1];\nexport const a = xs.filter((x) => x).length > 0;\nexport const b = xs.filter((x) => x)[0];\n";
    const result = transformSource(input, {
      path: "a.ts",
      transforms: [broken, find],
      maxRisk: 100,
    });
    expect(
      result.internalErrors.some(
        (e) => e.transform === "broken-fixture" && /does not parse/.test(e.message),
      ),
    ).toBe(true);
    expect(result.output).toContain("xs.find((x) => x)");
    expect(result.output).not.toContain(")(");
  });

  it("isolates a transform that throws: the others still run", () => {
    const throwing = defineTransform<BaseMatch>({
      ...some,
      id: "throwing-fixture",
      match: {
        CallExpression: () => {
          throw new Error("boom");
        },
      },
      assess: () => [],
      fix: () => null,
    });
    const input = "const xs = [1];\nexport const b = xs.filter((x) => x)[0];\n";
    const result = transformSource(input, {
      path: "a.ts",
      transforms: [throwing, find],
      maxRisk: 100,
    });
    expect(result.internalErrors).toHaveLength(1);
    expect(result.internalErrors[0]!.message).toMatch(/throwing-fixture threw: boom/);
    expect(result.internalErrors[0]!.stack).toBeDefined();
    expect(result.output).toContain("xs.find((x) => x)");
  });

  it("parses plain JavaScript whose comments look like Flow annotations (`/* : */`)", () => {
    const js =
      "const CHAR_COLON = 58; /* : */\nconst xs = [];\nexport const a = xs.filter((x) => x).length > 0;\n";
    expect(transformSource(js, { path: "path.js", transforms: [some] }).output).toContain(
      "xs.some(",
    );
  });

  it("picks the parser by extension: `<T>x` assertions in .ts, JSX in .tsx and .js", () => {
    const ts = "const xs = <number[]>load();\nexport const a = xs.filter((x) => x).length > 0;\n";
    expect(transformSource(ts, { path: "a.ts", transforms: [some] }).output).toContain("xs.some(");
    const tsx =
      "const xs: number[] = [];\nexport const A = () => <b>{xs.filter((x) => x).length > 0 ? 1 : 0}</b>;\n";
    expect(transformSource(tsx, { path: "a.tsx", transforms: [some] }).output).toContain(
      "xs.some(",
    );
    const js =
      "const xs = [];\nexport const A = () => <b>{xs.filter((x) => x).length > 0 ? 1 : 0}</b>;\n";
    expect(transformSource(js, { path: "a.js", transforms: [some] }).output).toContain("xs.some(");
  });
});

describe("Ledger", () => {
  it("maps edits of later passes back to the original text, merging overlaps", () => {
    const ledger = new Ledger<string>("0123456789");
    ledger.apply(2, 4, "ab", () => "first"); // 01ab456789
    ledger.apply(6, 6, "XYZ", () => "insert"); // 01ab45XYZ6789
    expect(ledger.current).toBe("01ab45XYZ6789");
    ledger.apply(1, 4, "-", (merged) => `outer of ${merged.map((m) => m.meta).join(",")}`); // 0-45XYZ6789
    expect(ledger.current).toBe("0-45XYZ6789");
    expect(ledger.applied.map((s) => [s.start, s.end, s.text, s.meta])).toEqual([
      [1, 4, "-", "outer of first"],
      [6, 6, "XYZ", "insert"],
    ]);
    let rebuilt = ledger.original;
    for (const s of [...ledger.applied].reverse())
      rebuilt = rebuilt.slice(0, s.start) + s.text + rebuilt.slice(s.end);
    expect(rebuilt).toBe(ledger.current);
  });
});
