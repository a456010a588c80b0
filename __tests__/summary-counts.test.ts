import { transforms } from "../transforms/index.js";
import { Ajv } from "ajv";
import { chmodSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { mergeReports } from "../src/runner/merge.js";
import { githubReport } from "../src/reporters/github.js";
import { jsonReportData } from "../src/reporters/json.js";
import { markdownReport } from "../src/reporters/markdown.js";
import { textSummary } from "../src/reporters/text.js";
import { runRecord } from "../src/runner/record.js";
import { run } from "../src/runner/run.js";
import { type RunResult } from "../src/core/result.js";
import { lazymod, ROOT, tempProject } from "./helpers/cli.js";

// One file per kind of finding: only held back, only reported without a fix, only applicable, and
// both applicable and held back; plus a file without findings.
const FILES = {
  "src/held.js": "export const check = (xs) => xs.filter(isValid).length > 0;\n",
  "src/report.js":
    "export const first = (orders) => orders.filter((o) => !o.paid) /* one */ [0];\n",
  "src/apply.ts":
    "const xs: number[] = [1, 2];\nexport const any = xs.filter((x) => x > 1).length > 0;\n",
  "src/mixed.js": [
    "export const low = (xs) => xs.filter((x) => x > 1).length > 0;",
    "export const medium = (xs) => xs.filter(isValid).length > 0;",
    "",
  ].join("\n"),
  "src/clean.ts": "export const answer = 42;\n",
};

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function project() {
  const p = tempProject(FILES);
  cleanups.push(p.cleanup);
  return p;
}

function statuses(result: RunResult): Record<string, string[]> {
  return Object.fromEntries(result.files.map((f) => [f.path, f.changes.map((c) => c.status)]));
}

describe("file counts: with findings, that --write would change, written", () => {
  it("the project has the four kinds of file it was built to have", async () => {
    const result = await run({ transforms, cwd: project().dir });
    expect(statuses(result)).toEqual({
      "src/apply.ts": ["apply"],
      "src/held.js": ["held"],
      "src/mixed.js": ["apply", "held"],
      "src/report.js": ["report"],
    });
  });

  it("in a dry run: 4 files with findings, 2 that --write would change, none written", async () => {
    const result = await run({ transforms, cwd: project().dir });
    expect(result.summary).toMatchObject({
      filesScanned: 5,
      filesWithFindings: 4,
      filesChanged: 2,
      filesWritten: 0,
      changes: 5,
      applicable: 2,
      heldBack: 2,
      reportOnly: 1,
      written: 0,
    });
    const text = textSummary(result);
    expect(text).toMatch(
      /^Files: 5 scanned \(4 parsed, 1 ruled out by the prefilter\), 4 with findings \(2 that --write would change\), 0 skipped, 0 failed$/m,
    );
    expect(text).toMatch(
      /^Dry run: nothing written; 2 changes at or below --max-risk 24 would be written with --write \(to 2 files\), 2 held back above --max-risk 24, 1 reported without a fix$/m,
    );
    expect(text).not.toContain("unchanged");

    const json = jsonReportData(result).summary;
    expect(json).toMatchObject({ filesWithFindings: 4, filesChanged: 2, filesWritten: 0 });

    const markdown = markdownReport(result);
    expect(markdown).toContain("### lazymod: 5 changes in 4 files\n");
    expect(markdown).toContain(
      "**2** changes in **2** files would be applied by `lazymod --write` (risk at most 24) · **2** held back (risk above 24) · **1** without an automatic fix",
    );

    const notice = githubReport(result).trimEnd().split("\n").at(-1);
    expect(notice).toBe(
      "::notice title=lazymod summary::5 changes in 4 of 5 files scanned: 2 changes in 2 files at or below --max-risk 24 would be applied by lazymod --write, 2 held back above --max-risk 24, 1 without a fix, 0 suppressed; 0 failed",
    );
  });

  it("with --write: the 2 files with applicable changes are written, and counted as written", async () => {
    const p = project();
    const result = await run({ transforms, cwd: p.dir, write: true });
    expect(result.summary).toMatchObject({
      filesWithFindings: 4,
      filesChanged: 2,
      filesWritten: 2,
      written: 2,
    });
    expect(p.read("src/mixed.js")).toContain("xs.some((x) => x > 1)");
    expect(p.read("src/held.js")).toBe(FILES["src/held.js"]);
    const text = textSummary(result);
    expect(text).toMatch(/^Files: 5 scanned .*, 4 with findings \(2 written\), 0 skipped/m);
    expect(text).toMatch(
      /^Written: 2 changes to 2 files, 2 held back above --max-risk 24, 1 reported without a fix$/m,
    );
    expect(jsonReportData(result).summary).toMatchObject({ filesWritten: 2, written: 2 });
    expect(markdownReport(result)).toContain(
      "**2** changes written to **2** files (risk at most 24) · **2** held back",
    );
    expect(githubReport(result)).toContain(
      "::5 changes in 4 of 5 files scanned: 2 changes written to 2 files, 2 held back",
    );
  });

  it("a file whose write fails is not counted as written, and the summary says so", async () => {
    const p = project();
    chmodSync(path.join(p.dir, "src/mixed.js"), 0o444);
    const result = await run({ transforms, cwd: p.dir, write: true });
    expect(result.summary).toMatchObject({ filesChanged: 2, filesWritten: 1, filesFailed: 1 });
    expect(p.read("src/mixed.js")).toBe(FILES["src/mixed.js"]);
    expect(textSummary(result)).toMatch(
      /4 with findings \(1 written, 1 not written: see the errors\), 0 skipped, 1 failed/,
    );
  });

  it("the JSON summary validates, old reports too, and the schema documents each count", () => {
    const schema = JSON.parse(
      readFileSync(path.join(ROOT, "schema/report-v1.schema.json"), "utf8"),
    ) as {
      description: string;
      properties: { summary: { required: string[]; properties: Record<string, unknown> } };
    };
    expect(schema.description).toMatch(/only grows/);
    const counts = schema.properties.summary.properties as Record<string, { description?: string }>;
    for (const key of ["filesChanged", "filesWithFindings", "filesWritten"])
      expect(counts[key]?.description, key).toBeTruthy();
    // New counts are optional: a report made before them still validates.
    expect(schema.properties.summary.required).not.toContain("filesWithFindings");
    expect(schema.properties.summary.required).toContain("filesChanged");
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const old = {
      version: 1,
      files: [],
      summary: {
        filesScanned: 1,
        filesChanged: 0,
        filesSkipped: 0,
        filesFailed: 0,
        changes: 0,
        byBand: { low: 0, medium: 0, high: 0 },
        written: 0,
      },
    };
    expect(validate(old)).toBe(true);
    expect(validate({ ...old, summary: { ...old.summary, filesWritten: -1 } })).toBe(false);
  });

  it("merge sums every count across shards, and derives them for reports without them", async () => {
    for (const write of [false, true]) {
      const p = project();
      const shards = await Promise.all(
        [1, 2].map(async (k) => {
          const shard = { index: k, count: 2 };
          const result = await run({ transforms, cwd: p.dir, shard, write });
          // What the command line records, so that merge accepts the shards as one run's.
          result.record = await runRecord({
            cwd: p.dir,
            paths: ["."],
            shard,
            options: { maxRisk: result.maxRisk, target: result.target, write },
            transforms: result.transforms,
          });
          return result;
        }),
      );
      // Both shards hold some of the files with findings.
      for (const shard of shards) expect(shard.summary.filesWithFindings).toBeGreaterThan(0);
      const reports = shards.map(jsonReportData);
      const merged = mergeReports(reports, ["a.json", "b.json"], { cwd: p.dir, transforms: [] });
      expect(merged.summary, `write: ${write}`).toMatchObject({
        filesScanned: 5,
        filesWithFindings: 4,
        filesChanged: 2,
        filesWritten: write ? 2 : 0,
      });
      expect(textSummary(merged)).toContain(
        write ? "4 with findings (2 written)" : "4 with findings (2 that --write would change)",
      );

      const withoutNewCounts = reports.map((report) => {
        const { filesWithFindings: _f, filesWritten: _w, ...summary } = report.summary;
        return { ...report, summary };
      });
      expect(
        mergeReports(withoutNewCounts, ["a.json", "b.json"], { cwd: p.dir, transforms: [] })
          .summary,
      ).toMatchObject({
        filesWithFindings: 4,
        filesChanged: 2,
        filesWritten: write ? 2 : 0,
      });
    }
  });

  it("the command line prints the three counts", () => {
    const p = project();
    const dry = lazymod(["src"], p.dir);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("4 with findings (2 that --write would change)");
    const written = lazymod(["src", "--write"], p.dir);
    expect(written.code).toBe(0);
    expect(written.stdout).toContain("4 with findings (2 written)");
    expect(written.stdout).toMatch(/^Written: 2 changes to 2 files,/m);
  });
});
