import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { reporters } from "../src/reporters/index.js";
import { MARKDOWN_MARKER } from "../src/reporters/markdown.js";
import { lazymod, ROOT, tempProject } from "./helpers/cli.js";
import { git, initRepository } from "./helpers/review.js";

// Each call starts the built binary (about a second here), so every test checks several things.

const LOW =
  "const xs: number[] = [1, 2];\nexport const any = xs.filter((x) => x > 1).length > 0;\n";
const LOW_AFTER = "const xs: number[] = [1, 2];\nexport const any = xs.some((x) => x > 1);\n";
const MEDIUM = "export const check = (xs) => xs.filter(isValid).length > 0;\n";

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function project(files: Record<string, string>) {
  const p = tempProject(files);
  cleanups.push(p.cleanup);
  return p;
}

describe("review workflow on the command line", () => {
  it("help lists every format, the new options and the apply command", () => {
    const help = lazymod(["--help"], ROOT);
    expect(help.code).toBe(0);
    // Every registered format is named in --help.
    expect(help.stdout).toContain(`--format <${Object.keys(reporters).join("|")}>`);
    for (const flag of ["--output", "--plan", "--since", "--config", "--no-config"])
      expect(help.stdout).toContain(flag);
    expect(help.stdout).toContain("lazymod apply [options] <plan.json>");
    expect(help.stdout).toContain("lazymod-ignore-next-line");
    const applyHelp = lazymod(["apply", "--help"], ROOT);
    expect(applyHelp.code).toBe(0);
    for (const flag of ["--max-risk", "--only", "--exclude-file"])
      expect(applyHelp.stdout).toContain(flag);
  });

  it("plan → apply → apply again; a stale file is refused with exit 2, the rest applied", () => {
    const p = project({ "a.ts": LOW, "b.ts": LOW, "c.js": MEDIUM });
    const plan = lazymod([".", "--plan", "out/plan.json", "--format", "json"], p.dir);
    expect(plan.code).toBe(0);
    // stdout is still the report; the note about the plan goes to stderr.
    expect(JSON.parse(plan.stdout)).toMatchObject({ summary: { changes: 3 } });
    const { digest } = JSON.parse(p.read("out/plan.json")) as { digest: string };
    expect(plan.stderr).toBe(
      `lazymod: plan saved to out/plan.json (3 changes, digest ${digest}); review it, then run: lazymod apply --expect-digest ${digest} out/plan.json\n`,
    );
    expect(JSON.parse(p.read("out/plan.json"))).toMatchObject({
      kind: "lazymod-plan",
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      origin: { relativeTo: "plan-directory", directory: ".." },
      tool: { name: "lazymod" },
      // No --target: each file's tsconfig said, and the files record what it said.
      options: { paths: ["."], maxRisk: 24 },
      files: expect.arrayContaining([
        expect.objectContaining({ language: expect.objectContaining({ from: "default" }) }),
      ]),
    });
    expect(JSON.parse(p.read("out/plan.json")).options).not.toHaveProperty("target");
    expect(p.read("a.ts")).toBe(LOW); // planning writes nothing

    writeFileSync(path.join(p.dir, "b.ts"), `${LOW}// edited\n`);
    const first = lazymod(["apply", "out/plan.json"], p.dir);
    expect(first.code).toBe(2);
    expect(first.stdout).toBe(
      [
        "applied   a.ts: 1 change",
        "refused   b.ts: changed since the plan was made (sha256 differs); not written. Make a new plan",
        "",
        "Applied 1 change to 1 file; 1 file refused.",
        "Not applied: 1 change above --max-risk 24.",
        "",
      ].join("\n"),
    );
    expect(p.read("a.ts")).toBe(LOW_AFTER);
    expect(p.read("b.ts")).toBe(`${LOW}// edited\n`);

    const again = lazymod(["apply", "out/plan.json", "--exclude-file", "b.ts"], p.dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      "Nothing to do: the selected changes of out/plan.json are already applied (1 file).",
    );
    const medium = lazymod(
      ["apply", "out/plan.json", "--max-risk", "medium", "--exclude-file", "b.ts"],
      p.dir,
    );
    expect(medium.code).toBe(0);
    expect(p.read("c.js")).toBe("export const check = (xs) => xs.some(isValid);\n");
  });

  it("usage errors of the review options exit 2 with a message", () => {
    const p = project({ "a.ts": LOW, "report.json": '{"version":1,"files":[],"summary":{}}' });
    for (const [args, message] of [
      [["--plan", "p.json", "--write"], /--plan and --write cannot be combined/],
      [["apply"], /apply needs a plan file/],
      [["apply", "missing.json"], /missing\.json: no such file/],
      [["apply", "report.json"], /report\.json is a JSON report, not a plan/],
      [["--config", "nope.json"], /nope\.json: no such file/],
    ] as const) {
      const result = lazymod([...args], p.dir);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).toMatch(message);
    }
  });

  it("--output writes the report to a file and keeps the summary on the terminal", () => {
    const p = project({ "a.ts": LOW });
    const result = lazymod(["--format", "markdown", "--output", "reports/lazymod.md"], p.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Files: 1 scanned/);
    expect(result.stdout).toContain("Report (markdown) written to reports/lazymod.md\n");
    expect(result.stdout).not.toContain("@@");
    const report = p.read("reports/lazymod.md");
    expect(report.startsWith(`${MARKDOWN_MARKER}\n### lazymod: 1 change in 1 file`)).toBe(true);
    expect(report).toContain("+export const any = xs.some((x) => x > 1);");
  });

  it("--since with --check gates only the files a branch changed", () => {
    const p = project({ "old.ts": LOW, "clean.ts": "export const a = 1;\n" });
    initRepository(p.dir);
    git(["checkout", "-q", "-b", "feature"], p.dir);
    const clean = lazymod(["--check", "--since", "main"], p.dir);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/^Files: 0 scanned/m);
    writeFileSync(path.join(p.dir, "new.ts"), LOW);
    const dirty = lazymod(["--check", "--since", "main", "--format", "github"], p.dir);
    expect(dirty.code).toBe(1);
    expect(dirty.stdout).toMatch(/^::warning file=new\.ts,line=2,col=20,/m);
    expect(dirty.stdout).not.toContain("old.ts");
  });

  it("reads lazymod.config.json: threshold, transforms, ignore globs; a bad key stops with exit 2", () => {
    const p = project({
      "lazymod.config.json": JSON.stringify({
        maxRisk: "medium",
        transforms: ["prefer-array-some"],
        ignore: ["generated/"],
        orm: { receivers: { "this.organizationRepository": "mongoose" } },
      }),
      "src/a.js": MEDIUM,
      "src/b.ts": "export const first = [1].filter((x) => x)[0];\n",
      "generated/c.ts": LOW,
    });
    const result = lazymod(["--format", "json"], p.dir);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      files: Array<{ path: string; changes: Array<{ status: string }> }>;
      summary: { maxRisk: number; skippedByReason: Record<string, number> };
    };
    expect(report.summary.maxRisk).toBe(59);
    expect(report.files.map((f) => [f.path, f.changes.map((c) => c.status)])).toEqual([
      ["src/a.js", ["apply"]],
    ]);
    expect(report.summary.skippedByReason).toEqual({ "ignored by lazymod.config.json": 1 });
    // The command line wins over the configuration, and --no-config ignores it.
    const strict = JSON.parse(lazymod(["--format", "json", "--max-risk", "low"], p.dir).stdout);
    expect(strict.summary.maxRisk).toBe(24);
    expect(
      JSON.parse(lazymod(["--format", "json", "--no-config"], p.dir).stdout).files.length,
    ).toBe(3);

    writeFileSync(
      path.join(p.dir, "lazymod.config.json"),
      JSON.stringify({ orm: { receivers: { "this.repo": "mongo" } } }),
    );
    const bad = lazymod([], p.dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^lazymod: lazymod\.config\.json: "orm\.receivers" entry "this\.repo" must be one of prisma, /,
    );
    expect(readFileSync(path.join(p.dir, "src/a.js"), "utf8")).toBe(MEDIUM);
  });
});
