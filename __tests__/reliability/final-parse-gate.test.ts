import { readdirSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import type * as Engine from "../../src/core/engine.js";
import { processFile } from "../../src/runner/process-file.js";
import { LOW_RISK, processOptions, project } from "./helpers.js";

// Fault injection: an engine that claims success but returns text that does not parse (as a bug
// in verification or in the splice could). The write path must still refuse it.
vi.mock("../../src/core/engine.js", async (importOriginal) => {
  const engine = await importOriginal<typeof Engine>();
  return {
    ...engine,
    transformSource: (...args: Parameters<typeof engine.transformSource>) => {
      const result = engine.transformSource(...args);
      return { ...result, changed: true, output: `${result.output}export const = ;\n` };
    },
  };
});

describe("the last gate before the disk", () => {
  it("output that does not parse is never written, whatever the engine returned", async () => {
    const p = project({
      "a.ts": LOW_RISK,
      "b.js": "\uFEFFconst xs = [1];\nxs.filter((x) => x)[0];\n",
    });
    for (const name of ["a.ts", "b.js"]) {
      const report = await processFile(p.file(name), processOptions(p.dir, { write: true }));
      expect(report).toMatchObject({
        status: "error",
        written: 0,
        reason: "internal error: the rewritten file does not parse; not written",
      });
    }
    expect(p.read("a.ts")).toBe(LOW_RISK);
    expect(p.read("b.js")).toBe("\uFEFFconst xs = [1];\nxs.filter((x) => x)[0];\n");
    expect(readdirSync(p.dir).sort()).toEqual(["a.ts", "b.js"]);
  });
});
