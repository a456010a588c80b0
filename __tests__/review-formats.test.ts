import { transforms } from "../transforms/index.js";
import { Ajv } from "ajv";
import ajvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { githubReport } from "../src/reporters/github.js";
import { jsonReport } from "../src/reporters/json.js";
import { markdownReport } from "../src/reporters/markdown.js";
import { applyChanges, patchReport } from "../src/reporters/patch.js";
import { sarifReport } from "../src/reporters/sarif.js";
import { planText } from "../src/plan/plan.js";
import { run } from "../src/runner/run.js";
import { type RunResult } from "../src/core/result.js";
import { toolVersion } from "../src/version.js";
import { ROOT } from "./helpers/cli.js";
import {
  CRLF_FILE,
  CRLF_SOURCE,
  git,
  initRepository,
  REVIEW_OUTPUT,
  reviewProjectCopy,
} from "./helpers/review.js";

const require = createRequire(import.meta.url);

let project: ReturnType<typeof reviewProjectCopy>;
let result: RunResult;

beforeAll(async () => {
  project = reviewProjectCopy();
  result = await run({ transforms, cwd: project.dir });
});
afterAll(() => project.cleanup());

/** Outputs compared whole, with the tool version and timing (which move) made constant. */
function stable(text: string): string {
  return (
    text
      .replaceAll(`"version": "${toolVersion()}"`, '"version": "<version>"')
      .replaceAll(`"semanticVersion": "${toolVersion()}"`, '"semanticVersion": "<version>"')
      .replace(/"elapsedMs": \d+/g, '"elapsedMs": 0')
      // The digest hashes the real version and timing too.
      .replace(/"digest": "sha256:[0-9a-f]{64}"/, '"digest": "sha256:<digest>"')
  );
}

const expected = (name: string) => path.join(REVIEW_OUTPUT, name);

describe("report formats on the review project (whole outputs)", () => {
  it("the run finds what the project was built to show", () => {
    expect(result.summary).toMatchObject({
      filesScanned: 7,
      filesFailed: 0,
      filesUnparsed: 1,
      changes: 9,
      applicable: 6,
      heldBack: 2,
      reportOnly: 1,
      suppressed: 3,
    });
  });

  it("markdown", async () => {
    await expect(markdownReport(result)).toMatchFileSnapshot(expected("report.md"));
  });

  it("sarif", async () => {
    await expect(stable(sarifReport(result))).toMatchFileSnapshot(expected("report.sarif"));
  });

  it("github", async () => {
    await expect(githubReport(result)).toMatchFileSnapshot(expected("report.github.txt"));
  });

  it("patch", async () => {
    await expect(patchReport(result)).toMatchFileSnapshot(expected("report.patch"));
  });

  it("plan", async () => {
    const plan = planText(result, { paths: ["."], maxRisk: 24, target: "es2022" });
    await expect(stable(plan)).toMatchFileSnapshot(expected("plan.json"));
  });
});

describe("SARIF", () => {
  it("validates against the SARIF 2.1.0 JSON schema", () => {
    // The schema as Microsoft ships it in @microsoft/jest-sarif (SARIF 2.1.0, JSON Schema draft-04).
    const schemaFile = path.join(
      path.dirname(require.resolve("@microsoft/jest-sarif/package.json")),
      "lib/schemas/sarif-2.1.0-rtm.5.json",
    );
    const schema = JSON.parse(readFileSync(schemaFile, "utf8")) as Record<string, unknown>;
    expect(schema.title).toMatch(/SARIF.*2\.1\.0/);
    // `unicodeRegExp: false`: one of the schema's patterns is valid only as a non-Unicode RegExp.
    const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
    ajvFormats.default(ajv);
    const validate = ajv.compile(schema);
    const log = JSON.parse(sarifReport(result)) as Record<string, unknown>;
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);

    // …and the validator does reject a broken log, so the check above means something.
    const broken = structuredClone(log) as { runs: Array<{ results: Array<{ level?: string }> }> };
    broken.runs[0]!.results[0]!.level = "catastrophic";
    expect(validate(broken)).toBe(false);
    const badUri = structuredClone(log) as {
      runs: Array<{
        results: Array<{
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
        }>;
      }>;
    };
    badUri.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = "a b`c";
    expect(validate(badUri)).toBe(false);
  });

  it("has one rule per transform and one result per change, fixes only where there is one", () => {
    type Log = {
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string; helpUri: string }> } };
        results: Array<{ ruleId: string; fixes?: unknown[]; properties: { status: string } }>;
        invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: unknown[] }>;
      }>;
    };
    const [sarifRun] = (JSON.parse(sarifReport(result)) as Log).runs;
    expect(sarifRun!.tool.driver.rules.map((r) => r.id)).toEqual(result.transforms);
    for (const rule of sarifRun!.tool.driver.rules)
      expect(rule.helpUri).toMatch(new RegExp(`/docs/transforms/${rule.id}\\.md$`));
    expect(sarifRun!.results).toHaveLength(result.summary.changes);
    for (const sarifResult of sarifRun!.results)
      expect(sarifResult.fixes === undefined).toBe(sarifResult.properties.status === "report");
    // The project's one bad file is a syntax error: reported, but it does not fail the run.
    expect(result.summary).toMatchObject({ filesFailed: 0, filesUnparsed: 1 });
    expect(sarifRun!.invocations[0]).toMatchObject({
      executionSuccessful: true,
      toolExecutionNotifications: [{ level: "warning" }],
    });
  });
});

describe("JSON report and plan", () => {
  it("both validate against the documented schemas", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addSchema(
      JSON.parse(readFileSync(path.join(ROOT, "schema/report-v1.schema.json"), "utf8")),
    );
    const plan = ajv.compile(
      JSON.parse(readFileSync(path.join(ROOT, "schema/plan-v1.schema.json"), "utf8")),
    );
    const report = ajv.getSchema(
      "https://github.com/lazymod/lazymod/schema/report-v1.schema.json",
    )!;
    const json = JSON.parse(jsonReport(result)) as unknown;
    expect(report(json), JSON.stringify(report.errors)).toBe(true);
    expect(plan(json)).toBe(false); // a report is not a plan
    const planned = JSON.parse(
      planText(result, { paths: ["."], maxRisk: 24, target: "es2022" }),
    ) as unknown;
    expect(plan(planned), JSON.stringify(plan.errors)).toBe(true);
  });

  it("each change's original is the text its range covers", () => {
    for (const file of result.files) {
      if (!file.source) continue;
      const text = file.source.replace(/^\uFEFF/, "");
      for (const change of file.changes)
        expect(text.slice(change.start, change.end)).toBe(change.original);
    }
  });
});

describe("patch", () => {
  it("git apply accepts it, and applying it gives exactly what --write writes", async () => {
    const copy = reviewProjectCopy();
    const written = reviewProjectCopy();
    try {
      initRepository(copy.dir);
      const patch = patchReport(result);
      expect(patch).toContain(`diff --git a/${CRLF_FILE} b/${CRLF_FILE}`);
      git(["apply", "--check", "-"], copy.dir, patch);
      git(["apply", "-"], copy.dir, patch);
      await run({ transforms, cwd: written.dir, write: true });
      for (const file of result.files.filter((f) => f.changes.some((c) => c.status === "apply"))) {
        expect(readFileSync(path.join(copy.dir, file.path), "utf8"), file.path).toBe(
          readFileSync(path.join(written.dir, file.path), "utf8"),
        );
      }
      // CRLF and the byte-order mark survive the round trip through the patch.
      expect(readFileSync(path.join(copy.dir, CRLF_FILE), "utf8")).toBe(
        applyChanges(
          CRLF_SOURCE,
          result.files
            .find((f) => f.path === CRLF_FILE)!
            .changes.filter((c) => c.status === "apply"),
        ),
      );
      expect(readFileSync(path.join(copy.dir, CRLF_FILE), "utf8")).toMatch(/^\uFEFF.*\r\n.*\r\n$/s);
    } finally {
      copy.cleanup();
      written.cleanup();
    }
  });

  it("quotes file names the way git does, so odd names still apply", async () => {
    const copy = reviewProjectCopy();
    try {
      const { renameSync } = await import("node:fs");
      const odd = 'src/we "ird"\tname.js';
      renameSync(path.join(copy.dir, "src/orders.js"), path.join(copy.dir, odd));
      initRepository(copy.dir);
      const oddResult = await run({ transforms, cwd: copy.dir, paths: [odd] });
      const patch = patchReport(oddResult);
      expect(patch.split("\n")[0]).toBe(
        'diff --git "a/src/we \\"ird\\"\\tname.js" "b/src/we \\"ird\\"\\tname.js"',
      );
      git(["apply", "--check", "-"], copy.dir, patch);
    } finally {
      copy.cleanup();
    }
  });
});
