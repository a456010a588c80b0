import path from "node:path";
import { describe, expect, it } from "vitest";
import { transformSource } from "../src/core/engine.js";
import { canParseWithMode } from "../src/core/parse.js";
import { transformsTriggeredBy } from "../src/core/prefilter.js";
import { transformsById } from "../transforms/index.js";
import {
  discoverFixtures,
  FIXTURES_ROOT,
  fixtureOptions,
  missingDirectives,
  parseDirectives,
} from "./helpers/fixtures.js";

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
    const found = {
      bands: changes.map((c) => c.risk.band),
      factors: [...new Set(changes.flatMap((c) => c.risk.factors.map((f) => f.id)))].sort(),
      messages: changes.map((c) => c.messageId),
    };
    const missing = missingDirectives(fixture.directives);
    expect(
      missing,
      `${path.relative(path.dirname(FIXTURES_ROOT), fixture.inputPath)} must state what it expects: add ` +
        missing.map((key) => `${key}=…`).join(" ") +
        ' to its "// @lazymod" line (`none` for none; this run gives ' +
        missing.map((key) => `${key}=${found[key].join(",") || "none"}`).join(" ") +
        ", check each before stating it)",
    ).toEqual([]);
    const { bands, factors, messages, statuses } = fixture.directives;
    expect(found.bands, "bands=").toEqual(bands);
    expect(found.factors, "factors=").toEqual([...factors!].sort());
    expect(found.messages, "messages=").toEqual(messages);
    if (statuses)
      expect(
        changes.map((c) => c.status),
        "statuses=",
      ).toEqual(statuses);
    for (const change of changes) {
      expect(
        Object.keys(transform!.riskFactors),
        `${fixture.transform} raised an undeclared factor`,
      ).toEqual(expect.arrayContaining(change.risk.factors.map((f) => f.id)));
    }
  });

  it("is a bail-* case exactly when it leaves its code alone, and then says why", () => {
    const { changes } = transformSource(fixture.input, options());
    const leftAlone = fixture.output === undefined && changes.length === 0;
    expect(
      fixture.name.startsWith("bail-"),
      leftAlone
        ? "a case with no change and no finding pins a bail-out: name it bail-<what it leaves alone>"
        : "a bail-* case has no output and no finding",
    ).toBe(leftAlone);
    if (leftAlone) {
      const lines = fixture.input.split("\n");
      const directive = lines.findIndex((line) => line.includes("@lazymod"));
      expect(
        lines[directive + 1],
        "the line after the @lazymod line says what the case pins and why lazymod leaves it alone",
      ).toMatch(/^\/\/ \S/);
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

describe("fixture directives", () => {
  it("a fixture that does not state its bands, factors and message ids is told what to add", () => {
    expect(missingDirectives(parseDirectives("// @lazymod bands=low factors=none\n"))).toEqual([
      "messages",
    ]);
    expect(missingDirectives(parseDirectives("// @lazymod target=es2023\n"))).toEqual([
      "bands",
      "factors",
      "messages",
    ]);
    expect(
      missingDirectives(parseDirectives("// @lazymod bands=none factors=none messages=none\n")),
    ).toEqual([]);
  });

  it("an empty list is refused: a case with nothing to expect says none", () => {
    expect(() => parseDirectives("// @lazymod bands=none factors= messages=none\n")).toThrow(
      /factors= needs a value/,
    );
  });

  it("the database directives name functions and flag a difference between the databases", () => {
    const directives = parseDirectives(
      "// @lazymod bands=low factors=none messages=inline sqlite-only=a,b postgres-only=c postgres-differs=d databases-differ=true\n",
    );
    expect(directives).toMatchObject({
      sqliteOnly: ["a", "b"],
      postgresOnly: ["c"],
      postgresDiffers: ["d"],
      databasesDiffer: true,
    });
    expect(() => parseDirectives("// @lazymod postgres-only=\n")).toThrow(/needs a value/);
    expect(() => parseDirectives("// @lazymod databases-differ=yes\n")).toThrow(/true\|false/);
  });
});
