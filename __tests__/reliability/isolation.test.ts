import { describe, expect, it } from "vitest";
import { methodCallee } from "../../src/ast/predicates.js";
import { defineTransform, type Transform } from "../../src/core/define.js";
import { transformSource } from "../../src/core/engine.js";
import type { BaseMatch } from "../../src/core/types.js";
import { replaceNode } from "../../src/fix/index.js";
import { textReport } from "../../src/reporters/text.js";
import { processFile } from "../../src/runner/process-file.js";
import { run } from "../../src/runner/run.js";
import { transformsById } from "../../transforms/index.js";
import { LOW_RISK, LOW_RISK_OUTPUT, processOptions, project } from "./helpers.js";

const some = transformsById.get("prefer-array-some")!;
const find = transformsById.get("prefer-array-find")!;

/** A transform whose matcher throws on files that mention `explode`, and matches nothing else. */
const throwsOnExplode = defineTransform<BaseMatch>({
  ...some,
  id: "throws-on-explode",
  triggers: [".filter("],
  match: {
    Identifier: (node) => {
      if (node.type === "Identifier" && node.name === "explode")
        throw new TypeError("deliberately broken transform");
      return undefined;
    },
  },
  assess: () => [],
  fix: () => null,
});

/** A transform whose fix returns a range outside the text (a bug that splicing would hide). */
function brokenRewrites(kind: "out-of-range" | "overlapping" | "negative-slice"): Transform {
  return defineTransform<BaseMatch>({
    ...some,
    id: `broken-${kind}`,
    match: {
      CallExpression: (node) =>
        methodCallee(node, ["filter"]) ? { node, messageId: "compared" } : undefined,
    },
    assess: () => [],
    fix: (match, ctx) => {
      const end = match.node.end!;
      if (kind === "out-of-range") return [{ start: end, end: ctx.source.length + 5, pieces: [] }];
      if (kind === "overlapping")
        return [replaceNode(match.node, ["a"]), { start: end - 1, end, pieces: ["b"] }];
      return [{ start: 0, end: 1, pieces: [{ from: -3, to: 2 }] }];
    },
  });
}

const FILES = {
  "a.ts": LOW_RISK,
  "b.ts": `const explode = 1;\n${LOW_RISK}`,
  "c.ts": LOW_RISK,
};

describe("per-file isolation of a broken transform", () => {
  it("a transform that throws on one file is reported for that file with its stack; every other file is processed and written", async () => {
    const p = project(FILES);
    // The library's entry point, so the real runner decides what "every other file" means.
    const result = await run({
      paths: ["."],
      cwd: p.dir,
      transforms: [throwsOnExplode, some],
      write: true,
    });
    expect(p.read("a.ts")).toBe(LOW_RISK_OUTPUT);
    expect(p.read("c.ts")).toBe(LOW_RISK_OUTPUT);
    // The other transform still ran on the failing file, and its change was written.
    expect(p.read("b.ts")).toBe(`const explode = 1;\n${LOW_RISK_OUTPUT}`);
    expect(result.summary).toMatchObject({ filesScanned: 3, filesFailed: 1, written: 3 });
    const failed = result.files.filter((f) => f.status === "error");
    expect(failed.map((f) => f.path)).toEqual(["b.ts"]);
    expect(failed[0]!.reason).toMatch(/throws-on-explode threw: deliberately broken transform/);
    expect(failed[0]!.internalErrors[0]!.stack).toMatch(
      /TypeError: deliberately broken transform\n\s+at /,
    );

    const verbose = textReport(result, { verbose: true });
    expect(verbose).toMatch(/error b\.ts: throws-on-explode threw: deliberately broken transform/);
    expect(verbose).toMatch(/^\s+TypeError: deliberately broken transform$/m);
    expect(verbose).toMatch(/^\s+at .*isolation\.test\.ts/m);
    const quiet = textReport(result, { verbose: false });
    expect(quiet).toContain("error b.ts: throws-on-explode threw");
    expect(quiet).not.toMatch(/^\s+at /m);
  });

  for (const kind of ["out-of-range", "overlapping", "negative-slice"] as const) {
    it(`a transform returning malformed rewrites (${kind}) is that transform's internal error; the others still run`, () => {
      const input = `${LOW_RISK}export const first = xs.filter((x) => x > 1)[0];\n`;
      const result = transformSource(input, {
        path: "a.ts",
        transforms: [brokenRewrites(kind), find],
        maxRisk: 100,
      });
      expect(result.internalErrors.map((e) => e.transform)).toEqual([`broken-${kind}`]);
      expect(result.internalErrors[0]!.stack).toBeDefined();
      // Exported, so typed for other files: `!` keeps the `[0]` type under strictNullChecks.
      expect(result.output).toBe(`${LOW_RISK}export const first = xs.find((x) => x > 1)!;\n`);
    });
  }

  it("a stack overflow inside a transform is isolated like any other throw", () => {
    const recurse = (n: number): number => recurse(n + 1) + 1;
    const overflowing = defineTransform<BaseMatch>({
      ...some,
      id: "overflowing",
      match: { Program: () => ({ node: { type: "Noop" } as never, messageId: "compared" }) },
      assess: () => [],
      fix: () => [{ start: 0, end: 0, pieces: [String(recurse(0))] }],
    });
    const result = transformSource(LOW_RISK, { path: "a.ts", transforms: [overflowing, some] });
    expect(result.internalErrors[0]!.message).toMatch(
      /overflowing threw: Maximum call stack size exceeded/,
    );
    expect(result.output).toBe(LOW_RISK_OUTPUT);
  });

  it("an unexpected error outside the transforms fails only that file, keeping its stack for --verbose", async () => {
    const p = project({ "a.ts": LOW_RISK, "b.ts": LOW_RISK });
    // A trigger whose test throws: the failure happens in the runner's prefilter, not in a transform.
    class ExplodingPattern extends RegExp {
      override test(): boolean {
        throw new Error("prefilter exploded");
      }
    }
    const faultyTrigger = new ExplodingPattern("filter");
    const faulty: Transform = { ...some, id: "faulty-trigger", triggers: [faultyTrigger] };
    const a = await processFile(
      p.file("a.ts"),
      processOptions(p.dir, { transforms: [faulty], write: true }),
    );
    expect(a).toMatchObject({ status: "error", reason: "prefilter exploded" });
    expect(a.internalErrors[0]).toMatchObject({
      transform: "lazymod",
      message: "prefilter exploded",
    });
    expect(a.internalErrors[0]!.stack).toMatch(/Error: prefilter exploded\n\s+at /);
    expect(p.read("a.ts")).toBe(LOW_RISK);
    const b = await processFile(
      p.file("b.ts"),
      processOptions(p.dir, { transforms: [some], write: true }),
    );
    expect(b).toMatchObject({ status: "changed", written: 1 });
  });
});
