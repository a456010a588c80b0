import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { renderTransformDoc } from "../src/docs.js";
import { riskFactors, transforms } from "../transforms/index.js";
import { ROOT } from "./helpers/cli.js";
import { discoverFixtures } from "./helpers/fixtures.js";

const fixtures = discoverFixtures();

describe("every transform has its five places", () => {
  it("every transforms/<id>.ts file is registered, and ids are unique kebab-case", () => {
    const files = readdirSync(path.join(ROOT, "transforms"))
      .filter((f) => f.endsWith(".ts") && f !== "index.ts")
      .map((f) => f.replace(/\.ts$/, ""))
      .sort();
    expect(transforms.map((t) => t.id).sort()).toEqual(files);
    expect(new Set(transforms.map((t) => t.id)).size).toBe(transforms.length);
    for (const t of transforms) expect(t.id).toMatch(/^[a-z]+(-[a-z0-9]+)+$/);
  });

  it.each(transforms.map((t) => [t.id, t] as const))(
    "%s: fixtures with changes and without",
    (id, transform) => {
      const cases = fixtures.filter((f) => f.transform === id);
      if (transform.reportOnly) {
        expect(
          cases.some((c) => c.directives.statuses?.includes("report")),
          "a case with a reported finding",
        ).toBe(true);
        expect(
          cases.every((c) => c.output === undefined),
          "a report-only transform has no outputs",
        ).toBe(true);
      } else {
        expect(
          cases.some((c) => c.output !== undefined),
          "a case with an output",
        ).toBe(true);
      }
      expect(
        cases.some((c) => c.name.startsWith("bail-")),
        "a bail-* case (code the transform leaves alone)",
      ).toBe(true);
    },
  );

  it.each(transforms.map((t) => [t.id, t] as const))(
    "%s: doc page matches the code (npm run docs)",
    (id, transform) => {
      const file = path.join(ROOT, "docs/transforms", `${id}.md`);
      expect(existsSync(file), `${file} is missing`).toBe(true);
      const cases = [
        ...new Set(fixtures.filter((f) => f.transform === id).map((f) => f.name)),
      ].sort();
      expect(readFileSync(file, "utf8")).toBe(renderTransformDoc(transform, cases));
    },
  );

  it.each(transforms.map((t) => [t.id, t] as const))(
    "%s: metadata is complete",
    (_id, transform) => {
      expect(transform.title.length).toBeGreaterThan(10);
      expect(transform.rewrites.length).toBeGreaterThan(0);
      expect(transform.refuses.length).toBeGreaterThan(0);
      expect(transform.triggers.length).toBeGreaterThan(0);
      expect(Object.keys(transform.messages).length).toBeGreaterThan(0);
      // Each factor it lists is defined by its family, the same way as everywhere else.
      for (const [id, definition] of Object.entries(transform.riskFactors))
        expect(riskFactors[id], id).toBe(definition);
    },
  );

  it("the README's transforms table lists every transform", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    for (const t of transforms)
      expect(readme).toContain(`[\`${t.id}\`](docs/transforms/${t.id}.md)`);
  });
});

describe("the README", () => {
  it("every link to one of its sections names a heading it has", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const tokens = new MarkdownIt().parse(readme, {});
    // GitHub's anchors: the heading's text, lower-cased, without punctuation, spaces as hyphens.
    const anchors = new Set<string>();
    tokens.forEach((token, i) => {
      if (token.type !== "heading_open") return;
      const text = (tokens[i + 1]?.children ?? []).map((child) => child.content).join("");
      anchors.add(
        text
          .toLowerCase()
          .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
          .replace(/ /g, "-"),
      );
    });
    expect(anchors).toContain("the-cache---cache");
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(10);
    expect(links.filter((link) => !anchors.has(link))).toEqual([]);
  });
});
