import { describe, expect, it } from "vitest";
import { transformSource } from "../src/core/engine.js";
import { canParseWithMode } from "../src/core/parse.js";
import { transformsTriggeredBy } from "../src/core/prefilter.js";
import { transformsById } from "../transforms/index.js";
import { discoverFixtures, fixtureOptions } from "./helpers/fixtures.js";

const cases = discoverFixtures();

describe.each(cases)("$transform / $name", (fixture) => {
  const transform = transformsById.get(fixture.transform);
  const options = () => ({ ...fixtureOptions(fixture), transforms: [transform!] });

  it("belongs to a registered transform", () => {
    expect(transform, `no transform "${fixture.transform}"`).toBeDefined();
  });

  it("produces the expected output (or none)", () => {
    const result = transformSource(fixture.input, options());
    expect(result.internalErrors).toEqual([]);
    expect(result.output).toBe(fixture.output ?? fixture.input);
  });

  it("states and meets its risk bands, factors, messages and statuses", () => {
    const { changes } = transformSource(fixture.input, options());
    const { bands, factors, messages, statuses } = fixture.directives;
    expect(bands, "every fixture states bands=… (or bands=none)").toBeDefined();
    expect(changes.map((c) => c.risk.band)).toEqual(bands);
    if (factors)
      expect([...new Set(changes.flatMap((c) => c.risk.factors.map((f) => f.id)))].sort()).toEqual(
        [...factors].sort(),
      );
    if (messages) expect(changes.map((c) => c.messageId)).toEqual(messages);
    if (statuses) expect(changes.map((c) => c.status)).toEqual(statuses);
    for (const change of changes) {
      expect(
        Object.keys(transform!.riskFactors),
        `${fixture.transform} raised an undeclared factor`,
      ).toEqual(expect.arrayContaining(change.risk.factors.map((f) => f.id)));
    }
  });

  it("is idempotent: a second run changes nothing", () => {
    const first = transformSource(fixture.input, options());
    const second = transformSource(first.output, options());
    expect(second.output).toBe(first.output);
    expect(second.changes.filter((c) => c.status === "apply")).toEqual([]);
  });

  it("leaves code that still parses, in the mode its input was read in (a script as a script)", () => {
    const { output, mode } = transformSource(fixture.input, options());
    expect(canParseWithMode(output.replace(/^\uFEFF/, ""), mode)).toBe(true);
  });

  it("contains a prefilter trigger of its transform when it has changes (the prefilter never hides one)", () => {
    const { changes } = transformSource(fixture.input, options());
    const triggered =
      transformsTriggeredBy(fixture.input, [transform!], fixture.settings).length === 1;
    expect(changes.length === 0 || triggered).toBe(true);
  });
});
