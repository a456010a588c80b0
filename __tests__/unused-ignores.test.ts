import { Ajv } from "ajv";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { transformSource } from "../src/core/engine.js";
import { parseDirective } from "../src/core/suppress.js";
import { reporters } from "../src/reporters/index.js";
import { run } from "../src/runner/run.js";
import { transforms } from "../transforms/index.js";
import { lazymod, ROOT, tempProject } from "./helpers/cli.js";
import { monorepo } from "./helpers/monorepo.js";

const SOME = (name: string) => `export const ${name} = [1, 2].filter((x) => x > 1).length > 0;`;
const FIND = (name: string) => `export const ${name} = [1, 2].filter((x) => x > 1)[0];`;
const ALL = { transforms: transforms.map((t) => t.id), all: true };

function transform(source: string, unusedIgnores = ALL) {
  return transformSource(source, { path: "a.ts", transforms, maxRisk: 100, unusedIgnores });
}

describe("// lazymod-ignore-line", () => {
  it("suppresses the changes on its own line only, every transform or the ones it names", () => {
    const source = [
      `${SOME("a")} // lazymod-ignore-line`,
      SOME("b"),
      `${SOME("c")} ${FIND("f")} // lazymod-ignore-line prefer-array-find -- tiny list`,
      "",
    ].join("\n");
    const result = transform(source);
    expect(result.changes.map((c) => [c.line, c.transform])).toEqual([
      [2, "prefer-array-some"],
      [3, "prefer-array-some"],
    ]);
    expect(
      result.suppressed.map((s) => [s.line, s.transform, s.directive, s.directiveLine]),
    ).toEqual([
      [1, "prefer-array-some", "ignore-line", 1],
      [3, "prefer-array-find", "ignore-line", 3],
    ]);
    expect(result.output.split("\n")[0]).toBe(`${SOME("a")} // lazymod-ignore-line`);
  });

  it("a block comment before the code counts too, and covers every line it spans", () => {
    const source = [
      `/* lazymod-ignore-line */ ${SOME("a")}`,
      `${SOME("b")} /* lazymod-ignore-line -- a reason`,
      "  on two lines */",
      SOME("c"),
      "",
    ].join("\n");
    const result = transform(source);
    expect(result.changes.map((c) => c.line)).toEqual([4]);
    expect(result.suppressed.map((s) => s.line)).toEqual([1, 2]);
  });

  it("does not cover the next line (that is ignore-next-line's job)", () => {
    const result = transform(["// lazymod-ignore-line", SOME("a"), ""].join("\n"));
    expect(result.changes).toHaveLength(1);
    expect(result.suppressed).toEqual([]);
  });

  it("is parsed like the other directives, and an unknown id in it is warned about", () => {
    expect(parseDirective(" lazymod-ignore-line prefer-has, prefer-array-some -- why")).toEqual({
      kind: "ignore-line",
      transforms: ["prefer-has", "prefer-array-some"],
    });
    const result = transform(`${SOME("a")} // lazymod-ignore-line prefer-arry-some\n`);
    expect(result.warnings.map((w) => [w.id, w.suggestion])).toContainEqual([
      "unknown-transform-in-directive",
      "prefer-array-some",
    ]);
  });
});

describe("unused ignore directives (--report-unused-ignores)", () => {
  it("warns once per directive that suppressed nothing, and once per id that suppressed nothing", () => {
    const source = [
      "// lazymod-ignore-next-line", // used
      SOME("a"),
      "// lazymod-ignore-next-line", // unused: the next line has no change
      "export const plain = 1;",
      `${SOME("b")} // lazymod-ignore-line prefer-array-some, prefer-has`, // prefer-has unused
      `export const c = 2; // lazymod-ignore-line`, // unused
      "/* lazymod-disable prefer-array-every */", // unused: no every pattern in the file
      "",
    ].join("\n");
    const result = transform(source);
    const unused = result.warnings.filter((w) => w.id === "unused-ignore-directive");
    expect(unused.map((w) => [w.line, w.column, w.transform])).toEqual([
      [3, 1, undefined],
      [5, 100, "prefer-has"],
      [6, 21, undefined],
      [7, 20, "prefer-array-every"],
    ]);
    expect(unused[0]!.message).toContain("`lazymod-ignore-next-line` suppressed nothing");
    // The used ones are still used.
    expect(result.suppressed.map((s) => s.line)).toEqual([2, 5]);
  });

  it("is off unless asked for", () => {
    const result = transformSource("// lazymod-ignore-next-line\nexport const x = 1;\n", {
      path: "a.ts",
      transforms,
    });
    expect(result.warnings).toEqual([]);
  });

  it("counts a directive used in any pass: an inner pattern suppressed under a rewritten outer one", () => {
    const source = [
      "const g: number[][] = [[1]];",
      "export const x = g.filter((a) => {",
      "  // lazymod-ignore-next-line",
      "  return a.filter((n) => n > 1).length > 0;",
      "}).length > 0;",
      "",
    ].join("\n");
    const result = transform(source);
    expect(result.changes).toHaveLength(1);
    expect(result.warnings).toEqual([]);
  });

  it("judges only the transforms that ran: an id of another, or a bare directive in a partial run, is not judged", () => {
    const source = [
      "// lazymod-ignore-next-line prefer-has", // prefer-has did not run
      SOME("a"),
      "// lazymod-ignore-next-line", // not all transforms ran
      "export const y = 1;",
      "",
    ].join("\n");
    const some = transforms.filter((t) => t.id === "prefer-array-some");
    const partial = transformSource(source, {
      path: "a.ts",
      transforms: some,
      knownTransforms: transforms.map((t) => t.id),
      unusedIgnores: { transforms: ["prefer-array-some"], all: false },
    });
    expect(partial.warnings).toEqual([]);
    expect(transform(source).warnings.map((w) => [w.line, w.transform])).toEqual([
      [1, "prefer-has"],
      [3, undefined],
    ]);
  });

  it("the runner parses a file the prefilter would rule out when it has a directive, so its directives are judged", async () => {
    const project = tempProject({
      "quiet.ts": "// lazymod-ignore-next-line\nexport const x = 1;\n",
      "plain.ts": "export const y = 1;\n",
    });
    try {
      const judged = await run({ transforms, cwd: project.dir, reportUnusedIgnores: true });
      expect(judged.files.map((f) => [f.path, f.warnings?.map((w) => w.id)])).toEqual([
        ["quiet.ts", ["unused-ignore-directive"]],
      ]);
      expect(judged.summary.filesPrefiltered).toBe(1);
      const plain = await run({ transforms, cwd: project.dir });
      expect(plain.files).toEqual([]);
      expect(plain.summary.filesPrefiltered).toBe(2);
    } finally {
      project.cleanup();
    }
  });

  it("on the command line: a warning in every format; the exit code changes only with =error", () => {
    const project = tempProject({
      "a.ts": ["// lazymod-ignore-next-line", "export const x = 1;", SOME("b"), ""].join("\n"),
    });
    try {
      const formats = Object.keys(reporters);
      for (const format of formats) {
        const result = lazymod(
          ["a.ts", "--no-types", "--report-unused-ignores", "--format", format],
          project.dir,
        );
        expect(result.code, format).toBe(0);
        const shown = format === "patch" ? result.stderr : result.stdout;
        expect(shown, format).toMatch(/lazymod-ignore-next-line.{0,20}suppressed nothing/);
      }
      const json = JSON.parse(
        lazymod(["a.ts", "--no-types", "--report-unused-ignores", "--format", "json"], project.dir)
          .stdout,
      );
      expect(json.files[0].warnings).toEqual([
        expect.objectContaining({ id: "unused-ignore-directive", line: 1, column: 1 }),
      ]);
      expect(json.summary.warnings).toBe(1);
      const compact = lazymod(
        ["a.ts", "--no-types", "--report-unused-ignores", "--format", "compact"],
        project.dir,
      );
      expect(compact.stdout).toContain(
        "a.ts:1:1: warning: `lazymod-ignore-next-line` suppressed nothing",
      );
      const error = lazymod(["a.ts", "--no-types", "--report-unused-ignores=error"], project.dir);
      expect(error.code).toBe(1);
      const without = lazymod(["a.ts", "--no-types"], project.dir);
      expect(without.code).toBe(0);
      expect(without.stdout).not.toContain("suppressed nothing");
      const bad = lazymod(["a.ts", "--report-unused-ignores=loud"], project.dir);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--report-unused-ignores must be warn or error, got "loud"');
    } finally {
      project.cleanup();
    }
  });

  it("the JSON report with same-line suppressions, unused-ignore warnings and impact notes validates against its schema", () => {
    const project = tempProject({
      "a.ts": [
        `${SOME("a")} // lazymod-ignore-line`,
        "// lazymod-ignore-next-line",
        "export const x = 1;",
        "for (const n of [1]) if ([n].filter((v) => v > 1).length > 0) console.log(n);",
        "",
      ].join("\n"),
    });
    try {
      const result = lazymod(
        ["a.ts", "--no-types", "--report-unused-ignores", "--format", "json"],
        project.dir,
      );
      const report = JSON.parse(result.stdout);
      expect(report.files[0].suppressed).toEqual([
        expect.objectContaining({ directive: "ignore-line" }),
      ]);
      expect(report.files[0].warnings).toEqual([
        expect.objectContaining({ id: "unused-ignore-directive" }),
      ]);
      expect(report.files[0].changes[0].impact).toMatchObject({
        rank: 1,
        notes: [{ id: "in-loop" }],
      });
      const schema = JSON.parse(
        readFileSync(path.join(ROOT, "schema/report-v1.schema.json"), "utf8"),
      );
      const validate = new Ajv({ strict: false }).compile(schema);
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    } finally {
      project.cleanup();
    }
  });
});

describe("ignore comments on a multi-package repository", () => {
  const IDS = "packages/shared/src/ids.ts";
  /** Each file's suppressions and warnings, as `path:line what`. */
  function ignoresOf(stdout: string) {
    const report = JSON.parse(stdout) as {
      files: Array<{
        path: string;
        suppressed?: Array<{ line: number; transform: string; directive: string }>;
        warnings?: Array<{ line: number; id: string }>;
      }>;
    };
    return report.files.flatMap((f) => [
      ...(f.suppressed ?? []).map((s) => `${f.path}:${s.line} ${s.directive} ${s.transform}`),
      ...(f.warnings ?? []).map((w) => `${f.path}:${w.line} ${w.id}`),
    ]);
  }

  it("a same-line ignore suppresses its line; the unused one is reported from the root, a package, or with --cache", () => {
    const repo = monorepo();
    try {
      const json = ["--format", "json", "--report-unused-ignores"];
      const root = lazymod([".", ...json], repo.dir);
      expect(root.code).toBe(0);
      expect(ignoresOf(root.stdout)).toEqual([
        `${IDS}:2 ignore-line prefer-array-some`,
        `${IDS}:3 unused-ignore-directive`,
      ]);
      // The suppressed change is nowhere in the report; the other packages' changes are.
      const files = JSON.parse(root.stdout).files as Array<{ path: string; changes: unknown[] }>;
      expect(files.find((f) => f.path === IDS)?.changes).toEqual([]);
      expect(files.filter((f) => f.changes.length > 0).map((f) => f.path.split("/")[1])).toEqual(
        expect.arrayContaining(["api", "web", "shared"]),
      );
      // =error fails where the unused comment is, and only there.
      expect(lazymod([".", "--no-types", "--report-unused-ignores=error"], repo.dir).code).toBe(1);
      const shared = path.join(repo.dir, "packages/shared");
      const inShared = lazymod(
        ["--no-types", "--report-unused-ignores=error", "--format", "compact"],
        shared,
      );
      expect(inShared.code).toBe(1);
      expect(inShared.stdout).toContain(
        "src/ids.ts:3:1: warning: `lazymod-ignore-next-line` suppressed nothing",
      );
      expect(
        lazymod(
          ["packages/api", "packages/web", "--no-types", "--report-unused-ignores=error"],
          repo.dir,
        ).code,
      ).toBe(0);
      // A cache made without the report does not hide it, nor one made with it the suppression.
      expect(lazymod([".", "--cache"], repo.dir).code).toBe(0);
      expect(ignoresOf(lazymod([".", "--cache", ...json], repo.dir).stdout)).toEqual(
        ignoresOf(root.stdout),
      );
      expect(ignoresOf(lazymod([".", "--cache", ...json], repo.dir).stdout)).toEqual(
        ignoresOf(root.stdout),
      );
    } finally {
      repo.cleanup();
    }
  });
});
