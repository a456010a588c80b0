import { describe, expect, it } from "vitest";
import { walk } from "../src/ast/walk.js";
import { methodCallee } from "../src/ast/predicates.js";
import { defineTransform } from "../src/core/define.js";
import { transformSource } from "../src/core/engine.js";
import {
  allowsScript,
  parserForPath,
  parseSourceWithMode,
  SourceParseError,
} from "../src/core/parse.js";
import type { BaseMatch } from "../src/core/types.js";
import { replaceNode } from "../src/fix/index.js";
import { transformsById } from "../transforms/index.js";
import { lazymod, tempProject } from "./helpers/cli.js";

const some = transformsById.get("prefer-array-some")!;

/** Parses as lazymod reads a file at this path. */
function parseAt(path: string, text: string) {
  const parser = parserForPath(path)!;
  return parseSourceWithMode(text, parser, { allowScript: allowsScript(path, parser) });
}

/** Valid JavaScript only outside strict mode (so never in a module), as `node --check` says. */
const SLOPPY_ONLY: Record<string, string> = {
  "`package` as a name": "const package = require('./package.json');\n",
  "`interface` as a name": "var interface = 1;\n",
  "`yield` as a name": "var yield = 1;\n",
  "`let` as a name": "var let = [];\n",
  "`static` as a parameter": "function f(static) { return static; }\n",
  "`await` as a name": "var await = 1;\n",
  "`implements` as a label": "implements: for (;;) break implements;\n",
  "`with`": "with (Math) { max(1, 2); }\n",
  "a legacy octal literal": "var mode = 0755;\n",
  "a legacy octal escape": "var s = '\\101';\n",
  "duplicate parameter names": "function f(a, a) { return a; }\n",
  "`delete` of a name": "var x = 1; delete x;\n",
  "assigning `arguments`": "function f() { arguments = []; }\n",
  "a function declared in an `if`": "if (ok) function f() {}\n",
  "an HTML-like comment": "<!-- legacy\nvar a = 1;\n",
};

describe("a .js/.jsx/.cjs file that only sloppy mode accepts is read as a script", () => {
  for (const [name, code] of Object.entries(SLOPPY_ONLY)) {
    it(name, () => {
      for (const path of ["a.js", "a.cjs", "a.jsx"])
        expect(parseAt(path, code).mode.sourceType, path).toBe("script");
      // `.mjs` is always a module (Node runs it so), and TypeScript reads its files as modules.
      for (const path of ["a.mjs", "a.ts"])
        expect(() => parseAt(path, code), path).toThrow(SourceParseError);
    });
  }

  it("a file that parses as a module stays a module", () => {
    expect(parseAt("a.js", "export const a = 1;\n").mode.sourceType).toBe("module");
    expect(parseAt("a.cjs", "const a = require('a');\n").mode.sourceType).toBe("module");
  });

  it("import, export and import.meta make a file a module, so strict mode's error stands", () => {
    const cases = [
      "import a from 'a';\nwith (a) {}\n",
      "var package = 1;\nexport default package;\n",
      "var package = import.meta.url;\n",
    ];
    for (const code of cases)
      expect(() => parseAt("a.js", code), code).toThrow(/reserved word 'package'|'with' in strict/);
  });

  it("a sloppy-mode file with a real syntax error reports that error, not strict mode's", () => {
    expect(() => parseAt("a.js", "var package = 1;\n\nfoo(;\n")).toThrow(/\(3:5\)/);
  });
});

describe("the decorator forms TypeScript accepts", () => {
  it("a decorated rest parameter (`constructor(@unmanaged() ...stores)`), in every function", () => {
    const code = [
      "class A {",
      "  constructor(@inject(Log) log: Log, @multiInject(S) @unmanaged()",
      "    ...stores: Store[]) {}",
      "  m(@arg() ...rest) {}",
      "}",
      "",
    ].join("\n");
    const { ast, mode } = parseAt("a.ts", code);
    expect(mode).toMatchObject({ parser: "ts", decorators: "legacy" });
    // The decorators' code stays in the tree: a name used only there is still seen as used.
    const names = new Set<string>();
    walk(ast, (node) => {
      if (node.type === "Identifier") names.add(node.name);
    });
    expect([...names]).toEqual(expect.arrayContaining(["unmanaged", "multiInject", "S", "arg"]));
    expect(parseAt("a.tsx", code).mode.decorators).toBe("legacy");
  });

  it("refuses what TypeScript refuses: a decorated rest parameter with a default, not last, or a parameter property", () => {
    for (const params of [
      "@d() ...xs = []",
      "@d() ...xs, y",
      "@d() ...private xs",
      "@d() ... /* gap */ xs",
    ])
      expect(() => parseAt("a.ts", `class A { constructor(${params}) {} }\n`), params).toThrow(
        SourceParseError,
      );
    // `x` then `...y` on the next line would parse as two statements once the dots were blanked.
    expect(() => parseAt("a.ts", "x\n...y\n")).toThrow(SourceParseError);
  });

  it("decorators after `export` (TypeScript 5, standard decorators) and before it (in .js)", () => {
    expect(parseAt("a.ts", "export @component class A {}\n").mode.decorators).toBe("standard");
    expect(parseAt("a.ts", "export default @component class {}\n").mode.decorators).toBe("legacy");
    expect(parseAt("a.js", "@observer export class A {}\n").mode.decorators).toBe("standard");
    expect(parseAt("a.js", "export @observer class A {}\n").mode.decorators).toBe("standard");
  });

  it("parameter decorators in .js (Babel's legacy decorators)", () => {
    expect(parseAt("a.js", "class A { m(@Body() body) {} }\n").mode.decorators).toBe("legacy");
  });

  it("a binding used in a rest parameter's decorator is not taken for unused", () => {
    const code = [
      "export function make(users: { admin: boolean }[]) {",
      "  const admins = users.filter((u) => u.admin);",
      "  class Panel { constructor(@inject(admins) ...rest: unknown[]) {} }",
      "  if (admins.length > 0) return Panel;",
      "}",
      "",
    ].join("\n");
    const result = transformSource(code, { path: "a.ts", transforms: [some], maxRisk: 100 });
    expect(result.output).toBe(code);
  });
});

describe("a rewrite is verified in the mode its file was read in", () => {
  /** Rewrites `xs.filter(p)` into the given text, whatever it means. */
  const rewritingTo = (text: string) =>
    defineTransform<BaseMatch>({
      ...some,
      id: "rewrite-fixture",
      match: {
        CallExpression: (node) =>
          methodCallee(node, ["filter"]) ? { node, messageId: "m" } : undefined,
      },
      messages: { m: "rewrite" },
      assess: () => [],
      fix: (match) => [replaceNode(match.node, [text])],
    });

  it("a module is not turned into a script: sloppy-only output is dropped", () => {
    const input = "const xs = [1];\nexport const a = xs.filter((x) => x);\n";
    const result = transformSource(input, {
      path: "a.js",
      transforms: [rewritingTo("package.keys")],
      maxRisk: 100,
    });
    expect(result.mode.sourceType).toBe("module");
    expect(result.output).toBe(input);
    expect(result.internalErrors.map((e) => e.transform)).toEqual(["rewrite-fixture"]);
  });

  it("a script is not turned into a module: module-only output is dropped, sloppy output kept", () => {
    const input = "var package = [1];\nvar a = package.filter(function (x) { return x; });\n";
    const moduleOnly = transformSource(input, {
      path: "a.cjs",
      transforms: [rewritingTo("import.meta.url")],
      maxRisk: 100,
    });
    expect(moduleOnly.mode.sourceType).toBe("script");
    expect(moduleOnly.output).toBe(input);
    expect(moduleOnly.internalErrors.map((e) => e.transform)).toEqual(["rewrite-fixture"]);
    const sloppy = transformSource(input, {
      path: "a.cjs",
      transforms: [rewritingTo("package.slice(0)")],
      maxRisk: 100,
    });
    expect(sloppy.internalErrors).toEqual([]);
    expect(sloppy.output).toContain("var a = package.slice(0);");
  });
});

describe("the command line on files that need another reading", () => {
  const files = {
    "src/legacy.cjs":
      "var package = require('./package.json');\nexports.cli = package.keywords.filter(function (k) { return k === 'cli'; }).length > 0;\n",
    "src/stores.ts":
      "export class Stores {\n  constructor(@unmanaged() ...stores: { ready: boolean }[]) {\n    if (stores.filter((s) => s.ready).length > 0) start();\n  }\n}\n",
    "src/strict.mjs": "var package = [];\nexport const a = package.filter((x) => x).length > 0;\n",
  };

  it("--write rewrites them; a strict .mjs is still a syntax error", () => {
    const p = tempProject(files);
    try {
      const result = lazymod(["src", "--write", "--max-risk", "medium"], p.dir);
      // The .mjs file is reported as not parsed, which does not fail the run.
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(
        /error src\/strict\.mjs: syntax error: Unexpected reserved word 'package'/,
      );
      expect(p.read("src/legacy.cjs")).toContain("exports.cli = package.keywords.some(function");
      expect(p.read("src/stores.ts")).toContain("if (stores.some((s) => s.ready)) start();");
    } finally {
      p.cleanup();
    }
  });

  it("a plan of them applies, its result checked in the same reading", () => {
    const p = tempProject(files);
    try {
      lazymod(["src", "--plan", "plan.json", "--max-risk", "medium"], p.dir);
      const applied = lazymod(["apply", "plan.json"], p.dir);
      expect(applied.stdout).toMatch(/applied {3}src\/legacy\.cjs: 1 change/);
      expect(applied.stdout).toMatch(/applied {3}src\/stores\.ts: 1 change/);
      expect(applied.code, applied.stdout + applied.stderr).toBe(0);
      expect(p.read("src/legacy.cjs")).toContain("package.keywords.some(function");
    } finally {
      p.cleanup();
    }
  });
});
