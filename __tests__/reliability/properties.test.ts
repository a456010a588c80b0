import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { transformSource, type TransformSourceResult } from "../../src/core/engine.js";
import { canParse } from "../../src/core/parse.js";
import { transforms } from "../../transforms/index.js";
import { evaluate, program, type Flavour } from "./programs.js";

// Fixed seed and bounded runs: the same programs every time, and a few seconds in CI.
// LAZYMOD_PROPERTY_RUNS raises the count (with LAZYMOD_PROPERTY_SEED for a different sample).
const RUNS = Number(process.env.LAZYMOD_PROPERTY_RUNS ?? 200);
const SEED = Number(process.env.LAZYMOD_PROPERTY_SEED ?? 20_260_611);
const settings = { seed: SEED, numRuns: RUNS, endOnFailure: false };

const FILES: Record<Flavour, string> = { js: "generated.js", ts: "generated.ts" };
const PARSERS = { js: "babylon", ts: "ts" } as const;

function rewrite(code: string, flavour: Flavour, maxRisk: number): TransformSourceResult {
  return transformSource(code, { path: FILES[flavour], transforms, maxRisk });
}

/** The `apply` changes, replayed on the original text, must give exactly the output. */
function replayed(code: string, result: TransformSourceResult): string {
  let text = code;
  const applied = result.changes.filter((c) => c.status === "apply");
  for (const change of [...applied].sort((a, b) => b.start - a.start))
    text = text.slice(0, change.start) + change.replacement + text.slice(change.end);
  return text;
}

describe("generated programs (fast-check)", () => {
  for (const flavour of ["js", "ts"] as const) {
    for (const maxRisk of [24, 100]) {
      it(`${flavour}, --max-risk ${maxRisk}: the output parses, the reported changes rebuild it, and a second run finds nothing`, () => {
        let rewritten = 0;
        fc.assert(
          fc.property(program(flavour), (code) => {
            expect(canParse(code, PARSERS[flavour]), "the generator made invalid code").toBe(true);
            const first = rewrite(code, flavour, maxRisk);
            expect(first.internalErrors).toEqual([]);
            expect(canParse(first.output, PARSERS[flavour])).toBe(true);
            expect(replayed(code, first)).toBe(first.output);
            const second = rewrite(first.output, flavour, maxRisk);
            expect(second.changes.filter((c) => c.status === "apply")).toEqual([]);
            expect(second.output).toBe(first.output);
            if (first.changed) rewritten++;
          }),
          settings,
        );
        // Not vacuous: most generated programs do get rewritten.
        expect(rewritten).toBeGreaterThan(RUNS / 2);
      });
    }
  }

  it("with the hazards the risk factors name, the rewrites applied at the default --max-risk (low) still compute the same results", () => {
    let rewritten = 0;
    fc.assert(
      fc.property(program("js", { hazards: true }), (code) => {
        const result = rewrite(code, "js", 24);
        if (result.changed) rewritten++;
        expect(evaluate(result.output)).toBe(evaluate(code));
        const second = rewrite(result.output, "js", 24);
        expect(second.output).toBe(result.output);
      }),
      settings,
    );
    expect(rewritten).toBeGreaterThan(RUNS / 3);
  });

  it("array programs with pure callbacks compute the same results before and after every rewrite (--max-risk 100)", () => {
    let rewritten = 0;
    fc.assert(
      fc.property(program("js"), (code) => {
        const result = rewrite(code, "js", 100);
        if (result.changed) rewritten++;
        expect(evaluate(result.output)).toBe(evaluate(code));
      }),
      settings,
    );
    expect(rewritten).toBeGreaterThan(RUNS / 2);
  });
});
