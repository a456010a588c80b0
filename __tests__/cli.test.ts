import { Ajv } from "ajv";
import { readFileSync, statSync, chmodSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lazymod, ROOT, tempProject } from "./helpers/cli.js";

const LOW =
  "const xs: number[] = [1, 2];\nexport const any = xs.filter((x) => x > 1).length > 0;\n";
const MEDIUM = "export const check = (xs) => xs.filter(isValid).length > 0;\n";
const CLEAN = "export const nothing = 1;\n";

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function project(files: Record<string, string | Buffer>) {
  const p = tempProject(files);
  cleanups.push(p.cleanup);
  return p;
}

describe("lazymod CLI", () => {
  it("prints help and version, and lists transforms", () => {
    const help = lazymod(["--help"], ROOT);
    expect(help.code).toBe(0);
    for (const flag of [
      "--write",
      "--max-risk",
      "--transforms",
      "--list",
      "--format",
      "--target",
      "--check",
    ]) {
      expect(help.stdout).toContain(flag);
    }
    const version = lazymod(["--version"], ROOT);
    expect(version.stdout.trim()).toBe(
      JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version,
    );
    const list = lazymod(["--list"], ROOT);
    expect(list.stdout).toMatch(/^prefer-array-some\s+/m);
    expect(list.stdout).toMatch(/^prefer-has\s+/m);
  });

  it("dry run by default: reports the change with risk and hunk, writes nothing", () => {
    const p = project({ "src/a.ts": LOW });
    const result = lazymod(["src"], p.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("src/a.ts:2:20  prefer-array-some");
    expect(result.stdout).toContain("risk 0/100 (low)");
    expect(result.stdout).toContain("-export const any = xs.filter((x) => x > 1).length > 0;");
    expect(result.stdout).toContain("+export const any = xs.some((x) => x > 1);");
    expect(result.stdout).toMatch(/Dry run: nothing written; 1 change at or below --max-risk 24/);
    expect(p.read("src/a.ts")).toBe(LOW);
  });

  it("--write applies only changes at or below the threshold and reports the rest as held back", () => {
    const p = project({ "low.ts": LOW, "medium.js": MEDIUM });
    const result = lazymod([".", "--write"], p.dir);
    expect(result.code).toBe(0);
    expect(p.read("low.ts")).toBe(
      "const xs: number[] = [1, 2];\nexport const any = xs.some((x) => x > 1);\n",
    );
    expect(p.read("medium.js")).toBe(MEDIUM);
    expect(result.stdout).toContain("[held back: risk above --max-risk 24]");
    expect(result.stdout).toMatch(/Written: 1 change to 1 file, 1 held back/);

    const again = lazymod([".", "--write", "--max-risk", "medium"], p.dir);
    expect(again.code).toBe(0);
    expect(p.read("medium.js")).toContain("xs.some(isValid)");
  });

  it("keeps a file's mode when writing", () => {
    const p = project({ "a.ts": LOW });
    chmodSync(path.join(p.dir, "a.ts"), 0o640);
    lazymod(["--write", "a.ts"], p.dir);
    expect(statSync(path.join(p.dir, "a.ts")).mode & 0o777).toBe(0o640);
  });

  it("reports a file that does not parse and counts it as not parsed, processes the others, and exits 0", () => {
    const p = project({ "bad.ts": "const = xs.filter(f).length > 0;\n", "good.ts": LOW });
    const result = lazymod([".", "--write"], p.dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/error bad\.ts: syntax error: .*\(1:7\)/);
    expect(result.stdout).toMatch(/, 0 failed, 1 not parsed\n/);
    expect(p.read("good.ts")).toContain("xs.some(");
    expect(p.read("bad.ts")).toBe("const = xs.filter(f).length > 0;\n");
  });

  it("--check stays usable beside a file lazymod cannot parse; --fail-on-parse-error makes it fail", () => {
    const p = project({
      "bad.ts": "const = xs.filter(f).length > 0;\n",
      "latin1.ts": Buffer.from([0x2f, 0x2f, 0x20, 0xe9, 0x0a]),
      "low.ts": LOW,
      "clean.ts": CLEAN,
    });
    const unparsable = ["bad.ts", "latin1.ts"];
    expect(lazymod(["--check", ...unparsable, "low.ts"], p.dir).code).toBe(1);
    expect(lazymod(["--check", ...unparsable, "clean.ts"], p.dir).code).toBe(0);
    const strict = lazymod(["--check", "--fail-on-parse-error", ...unparsable, "clean.ts"], p.dir);
    expect(strict.code).toBe(2);
    expect(strict.stdout).toMatch(/error latin1\.ts: not valid UTF-8\n/);
    expect(strict.stdout).toMatch(/2 not parsed/);
    // Failing beats finding: with a file not parsed, --fail-on-parse-error exits 2, not 1.
    expect(lazymod(["--check", "--fail-on-parse-error", "bad.ts", "low.ts"], p.dir).code).toBe(2);
    expect(lazymod(["--fail-on-parse-error", "clean.ts"], p.dir).code).toBe(0);
  });

  it("keeps CRLF line endings and a BOM when writing", () => {
    const input =
      "\uFEFFconst xs: number[] = [1];\r\nif (xs.filter((x) => x).length === 0) {\r\n  stop();\r\n}\r\n";
    const p = project({ "crlf.ts": input });
    lazymod(["--write", "crlf.ts"], p.dir);
    const bytes = readFileSync(path.join(p.dir, "crlf.ts"));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toBe(
      "\uFEFFconst xs: number[] = [1];\r\nif (!xs.some((x) => x)) {\r\n  stop();\r\n}\r\n",
    );
  });

  it("--check exits 1 when changes at or below --max-risk are found, 0 otherwise", () => {
    const p = project({ "low.ts": LOW, "medium.js": MEDIUM, "clean.ts": CLEAN });
    expect(lazymod(["--check", "low.ts"], p.dir).code).toBe(1);
    expect(lazymod(["--check", "clean.ts"], p.dir).code).toBe(0);
    expect(lazymod(["--check", "medium.js"], p.dir).code).toBe(0);
    expect(lazymod(["--check", "--max-risk", "medium", "medium.js"], p.dir).code).toBe(1);
    expect(p.read("low.ts")).toBe(LOW);
  });

  it("usage errors exit 2 with a message", () => {
    const p = project({ "a.ts": LOW });
    for (const args of [
      ["--max-risk", "extreme"],
      ["--format", "xml"],
      ["--target", "es5"],
      ["--transforms", "nope"],
      ["--bogus"],
      ["missing-dir"],
      ["--check", "--write"],
    ]) {
      const result = lazymod(args, p.dir);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).toMatch(
        /^lazymod: .+\nRun "lazymod --help" for usage\./,
      );
    }
  });

  it("--transforms selects transforms; --target es2023 enables findLast", () => {
    const source =
      "const xs: number[] = [1];\nexport const a = xs.filter((x) => x).length > 0;\nexport const b = xs.filter((x) => x).at(-1);\n";
    const p = project({ "a.ts": source });
    const onlyFind = lazymod(
      ["--transforms", "prefer-array-find", "--target", "es2023", "--format", "json", "a.ts"],
      p.dir,
    );
    const report = JSON.parse(onlyFind.stdout) as {
      files: Array<{ changes: Array<{ transform: string; replacement: string }> }>;
    };
    expect(report.files[0]!.changes.map((c) => [c.transform, c.replacement])).toEqual([
      ["prefer-array-find", "xs.findLast((x) => x)"],
    ]);
  });

  it("skips node_modules, dist, minified and declaration files, and oversized files, with reasons in the summary", () => {
    const p = project({
      "src/a.ts": LOW,
      "node_modules/dep/index.js": LOW,
      "dist/out.js": LOW,
      "src/vendor.min.js": LOW,
      "src/types.d.ts": LOW,
      "src/huge.ts": `${LOW}${"// padding\n".repeat(100_000)}`,
    });
    const result = lazymod([".", "--format", "json"], p.dir);
    const report = JSON.parse(result.stdout) as {
      files: Array<{ path: string }>;
      summary: Record<string, unknown>;
    };
    expect(report.files.map((f) => f.path)).toEqual(["src/a.ts"]);
    expect(report.summary.skippedByReason).toEqual({
      "node_modules/ directory": 1,
      "dist/ directory": 1,
      "minified (*.min.js)": 1,
      "declaration file (*.d.ts)": 1,
      "larger than 1 MiB": 1,
    });
    const text = lazymod(["."], p.dir);
    expect(text.stdout).toMatch(/5 skipped \(.*1 larger than 1 MiB.*\)/);
  });

  it("respects .gitignore", () => {
    const p = project({ ".gitignore": "generated/\n", "generated/a.ts": LOW, "src/b.ts": LOW });
    const report = JSON.parse(lazymod([".", "--format", "json"], p.dir).stdout) as {
      files: Array<{ path: string }>;
    };
    expect(report.files.map((f) => f.path)).toEqual(["src/b.ts"]);
  });

  it("outside git, applies nested .gitignore files and negations as git would", () => {
    const p = project({
      ".gitignore": "*.gen.ts\n!keep.gen.ts\n",
      "a.gen.ts": LOW,
      "keep.gen.ts": LOW,
      "pkg/.gitignore": "out/\nlocal.ts\n",
      "pkg/out/b.ts": LOW,
      "pkg/local.ts": LOW,
      "pkg/c.ts": LOW,
      "local.ts": LOW,
    });
    const report = JSON.parse(lazymod([".", "--format", "json"], p.dir).stdout) as {
      files: Array<{ path: string }>;
    };
    expect(report.files.map((f) => f.path)).toEqual(["keep.gen.ts", "local.ts", "pkg/c.ts"]);
  });

  it("JSON output validates against the documented report schema", () => {
    const p = project({
      "a.ts": LOW,
      "b.js": MEDIUM,
      "bad.ts": "let = xs.filter(f);",
      "c.ts": CLEAN,
    });
    const result = lazymod([".", "--format", "json"], p.dir);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    const schema = JSON.parse(
      readFileSync(path.join(ROOT, "schema/report-v1.schema.json"), "utf8"),
    ) as object;
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.summary).toMatchObject({
      filesScanned: 4,
      filesChanged: 1,
      filesFailed: 0,
      filesUnparsed: 1,
      changes: 2,
      byBand: { low: 1, medium: 1, high: 0 },
      written: 0,
    });
    const files = report.files as Array<{
      path: string;
      sha256?: string;
      error?: string;
      errorKind?: string;
    }>;
    expect(files.map((f) => f.path)).toEqual(["a.ts", "b.js", "bad.ts"]);
    expect(files[2]!.error).toMatch(/^syntax error/);
    expect(files[2]!.errorKind).toBe("parse");
    expect(files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
