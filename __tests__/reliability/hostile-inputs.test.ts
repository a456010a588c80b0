import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { processFile } from "../../src/runner/process-file.js";
import { lazymod } from "../helpers/cli.js";
import {
  LOW_RISK,
  lazymodWith,
  parsesAs,
  permissionsBindingPrefix,
  processOptions,
  project,
  tempDir,
  type JsonReport,
} from "./helpers.js";

/** The shape every rewritable case carries, so "changed" proves the file was read and parsed. */
const PATTERN = "export const any = xs.filter((x) => x > 1).length > 0;\n";
const REWRITTEN = "xs.some((x) => x > 1)";

type Expected =
  | { status: "changed" }
  | { status: "unchanged" }
  | { status: "skipped" | "error"; reason: string | RegExp };

interface Case {
  /** Path inside the project. */
  name: string;
  content: string | Buffer;
  expected: Expected;
}

const changed = { status: "changed" } as const;
const skipped = (reason: string | RegExp) => ({ status: "skipped", reason }) as const;
const error = (reason: string | RegExp) => ({ status: "error", reason }) as const;

function deeplyNested(depth: number): string {
  // One bracket per line, so that the file does not also look minified.
  return `const xs = [1];\nexport const v =\n${"(\n".repeat(depth)}${PATTERN.slice(19, -2)}\n${")\n".repeat(depth)};\n`;
}

function generated(bytes: number): string {
  const line = "export const entry = [1, 2, 3].filter((x) => x > 1).length > 0;\n";
  return `// generated\n${line.repeat(Math.ceil(bytes / line.length))}`;
}

function minifiedBundle(): string {
  const chunk = "var a=[1,2,3];var b=a.filter(function(x){return x>1}).length>0;";
  return `${chunk.repeat(400)}\n${chunk.repeat(400)}\n`;
}

/** Inputs that parse and must be rewritten like any other file. */
const ODD_BUT_VALID: Case[] = [
  {
    name: "dir with spaces/ünïcödé 文件 (copy).ts",
    content: `const xs = [1];\n${PATTERN}`,
    expected: changed,
  },
  { name: "x.ts/inner.ts", content: `const xs = [1];\n${PATTERN}`, expected: changed },
  { name: "empty.ts", content: "", expected: { status: "unchanged" } },
  {
    name: "flow.js",
    content: `// @flow\ntype T = {| a: ?number |};\nconst xs: Array<number> = [1];\nfunction f(a: number): boolean { return true; }\n${PATTERN}`,
    expected: changed,
  },
  {
    name: "esm.mjs",
    content: `import fs from "node:fs";\nconst xs = [1];\n${PATTERN}`,
    expected: changed,
  },
  {
    name: "common.cjs",
    content: `const fs = require("fs");\nconst xs = [1];\n${PATTERN}module.exports = { any };\n`,
    expected: changed,
  },
  {
    // Valid only in sloppy mode: read as a script.
    name: "sloppy.cjs",
    content: `var package = require("./package.json"), mode = 0755;\nwith (Math) max(1, 2);\nconst xs = [1];\nexports.any = xs.filter((x) => x > 1).length > 0;\n`,
    expected: changed,
  },
  {
    name: "decorated-rest.ts",
    content: `const xs = [1];\nexport class S { constructor(@unmanaged() ...stores: unknown[]) {} }\n${PATTERN}`,
    expected: changed,
  },
  {
    name: "jsx-in.js",
    content: `const xs = [1];\n${PATTERN}export const A = () => <b>{xs.filter((x) => x).length > 0 ? "y" : "n"}</b>;\n`,
    expected: changed,
  },
  {
    name: "decorators.ts",
    content: `const xs: number[] = [1];\n@sealed\nexport class C {\n  @logged method() { return xs.filter((x) => x > 1).length > 0; }\n}\n${PATTERN}`,
    expected: changed,
  },
  {
    name: "ts5.ts",
    content: [
      "const xs = [1, 2] satisfies number[];",
      "export class C { accessor n = 1; }",
      "export function tuple<const T extends readonly unknown[]>(t: T): T { return t; }",
      "export async function scoped() { using handle = open(); await using other = openAsync(); return handle; }",
      "declare function open(): Disposable;",
      "declare function openAsync(): AsyncDisposable;",
      PATTERN,
    ].join("\n"),
    expected: changed,
  },
  { name: "nested-150.ts", content: deeplyNested(150), expected: changed },
];

/** Inputs that cannot or should not be rewritten: each named with its reason, the run goes on. */
const HOSTILE: Case[] = [
  {
    name: "syntax-error.ts",
    content: `const = ${PATTERN}`,
    expected: error(/^syntax error: .+ \(1:7\)$/),
  },
  {
    name: "nul-byte.ts",
    content: `const xs = [1];\n${PATTERN}// \0\n`,
    expected: skipped("contains a NUL byte (binary)"),
  },
  {
    name: "invalid-utf8.ts",
    content: Buffer.concat([
      Buffer.from(`const xs = [1];\n${PATTERN}// `),
      Buffer.from([0xc3, 0x28, 0xff, 0x0a]),
    ]),
    expected: error("not valid UTF-8"),
  },
  {
    name: "generated-5mib.ts",
    content: generated(5 * 1024 * 1024),
    expected: skipped("larger than 1 MiB"),
  },
  {
    name: "bundle.js",
    content: minifiedBundle(),
    expected: skipped(/^minified \(lines average over \d+ characters\)$/),
  },
  {
    name: "vendor.min.js",
    content: `const xs = [1];\n${PATTERN}`,
    expected: skipped("minified (*.min.js)"),
  },
  {
    name: "types.d.ts",
    content: `declare const xs: number[];\n`,
    expected: skipped("declaration file (*.d.ts)"),
  },
  {
    name: "deeply-nested.ts",
    content: deeplyNested(20_000),
    expected: skipped("too deeply nested to parse"),
  },
];

function buildTree(dir: string, outside: string): void {
  for (const { name, content } of [...ODD_BUT_VALID, ...HOSTILE]) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  writeFileSync(path.join(outside, "target.ts"), `const xs = [1];\n${PATTERN}`);
  mkdirSync(path.join(dir, "loop"));
  symlinkSync("..", path.join(dir, "loop", "parent")); // a cycle: loop/parent/loop/parent/…
  symlinkSync(path.join(outside, "target.ts"), path.join(dir, "escape.ts"));
  symlinkSync(outside, path.join(dir, "escape-dir"));
  spawnSync("mkfifo", [path.join(dir, "pipe.ts")]);
}

const LINKS = ["escape-dir", "escape.ts", "loop/parent"];

function verboseLines(stdout: string): Map<string, string> {
  const lines = new Map<string, string>();
  for (const match of stdout.matchAll(/^(error|skipped) (.+?): (.+)$/gm))
    lines.set(match[2]!, `${match[1]} ${match[3]}`);
  return lines;
}

describe("hostile and odd input", () => {
  it("each hostile file is named with its reason, each odd but valid file is rewritten, and the run goes on", () => {
    const p = project();
    const outside = tempDir("lazymod-outside-");
    buildTree(p.dir, outside);

    const text = lazymod([".", "--verbose"], p.dir);
    // The files that failed are ones lazymod could not parse: reported, the run not failed.
    expect(text.code, text.stderr).toBe(0);
    expect(lazymod([".", "--fail-on-parse-error"], p.dir).code).toBe(2);
    expect(text.stderr).toBe("");
    const named = verboseLines(text.stdout);
    for (const { name, expected } of HOSTILE) {
      const line = named.get(name);
      expect(line, `${name} should be reported`).toBeDefined();
      const [status, ...reason] = line!.split(" ");
      expect(status, name).toBe(expected.status);
      if ("reason" in expected) expect(reason.join(" "), name).toMatch(expected.reason);
    }
    for (const link of LINKS)
      expect(named.get(link), link).toBe("skipped symbolic link (not followed)");
    expect(named.get("pipe.ts")).toBe("skipped not a regular file");
    for (const { name, expected } of ODD_BUT_VALID) {
      expect(named.has(name), `${name}: ${named.get(name)}`).toBe(false);
      if (expected.status === "changed") expect(text.stdout, name).toContain(`${name}:`);
    }
    // Nothing from outside the root was reached through a link.
    expect(text.stdout).not.toContain("target.ts");

    const json = JSON.parse(lazymod([".", "--format", "json"], p.dir).stdout) as JsonReport;
    const changedFiles = json.files
      .filter((f) => !f.error)
      .map((f) => f.path)
      .sort();
    expect(changedFiles).toEqual(
      ODD_BUT_VALID.filter((c) => c.expected.status === "changed")
        .map((c) => c.name)
        .sort(),
    );
    // Both hostile errors (a syntax error, invalid UTF-8) are files lazymod could not parse.
    expect(json.summary.filesFailed).toBe(0);
    expect(json.summary.filesUnparsed).toBe(
      HOSTILE.filter((c) => c.expected.status === "error").length,
    );
    expect(json.summary.filesSkipped).toBe(
      HOSTILE.filter((c) => c.expected.status === "skipped").length + LINKS.length + 1,
    );
  });

  it("--write rewrites the valid files (which still parse) and leaves every hostile file and link target byte for byte", () => {
    const p = project();
    const outside = tempDir("lazymod-outside-");
    buildTree(p.dir, outside);
    const result = lazymod([".", "--write"], p.dir);
    expect(result.code).toBe(0);
    for (const { name, content, expected } of [...ODD_BUT_VALID, ...HOSTILE]) {
      const after = readFileSync(p.file(name));
      if (expected.status === "changed") {
        expect(after.toString("utf8"), name).toContain(REWRITTEN);
        expect(after.toString("utf8"), name).not.toContain(".filter(");
        expect(parsesAs(name, after.toString("utf8")), name).toBe(true);
      } else {
        expect(after.equals(Buffer.from(content)), name).toBe(true);
      }
    }
    expect(readFileSync(path.join(outside, "target.ts"), "utf8")).toContain(PATTERN);
    // A second run has nothing left to write.
    const again = JSON.parse(
      lazymod([".", "--write", "--format", "json"], p.dir).stdout,
    ) as JsonReport;
    expect(again.summary.written).toBe(0);
  });

  it("a path that does not exist is a usage error; the run does not start", () => {
    const p = project({ "a.ts": LOW_RISK });
    const result = lazymod(["a.ts", "no/such/dir", "--write"], p.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^lazymod: no\/such\/dir: no such file or directory\n/);
    expect(p.read("a.ts")).toBe(LOW_RISK);
  });

  it("explicit paths: a symbolic link, a FIFO and a directory named like a file", async () => {
    const p = project({ "x.ts/inner.ts": `const xs = [1];\n${PATTERN}`, "real.ts": LOW_RISK });
    symlinkSync("real.ts", p.file("link.ts"));
    spawnSync("mkfifo", [p.file("pipe.ts")]);
    const options = processOptions(p.dir, { write: true });
    expect(await processFile(p.file("link.ts"), options)).toMatchObject({
      status: "skipped",
      reason: "symbolic link (not followed)",
    });
    // Reading a FIFO would block forever.
    expect(await processFile(p.file("pipe.ts"), options)).toMatchObject({
      status: "skipped",
      reason: "not a regular file",
    });
    expect(p.read("real.ts")).toBe(LOW_RISK);
    const dir = lazymod(["x.ts", "--format", "json"], p.dir);
    expect(dir.code).toBe(0);
    expect((JSON.parse(dir.stdout) as JsonReport).files.map((f) => f.path)).toEqual([
      "x.ts/inner.ts",
    ]);
  });
});

describe("patterns nested more deeply than the engine's pass limit", () => {
  it("the file is written valid, reported as not at a fixed point, and further runs finish it", async () => {
    // Each pass resolves one level. (24 levels also took the side-effect analysis 2^24 steps once.)
    const depth = 24;
    const input = `const xs = [1];\nexport const b = ${"xs.filter((x) => ".repeat(depth)}x${").length > 0".repeat(depth)};\n`;
    const p = project({ "nested.js": input });
    const options = processOptions(p.dir, { write: true });
    const first = await processFile(p.file("nested.js"), options);
    expect(first.status).toBe("error");
    expect(first.reason).toMatch(/^stopped after 10 passes with changes left .*run lazymod again/);
    expect(first.written).toBeGreaterThan(0);
    expect(parsesAs("nested.js", p.read("nested.js"))).toBe(true);
    let runs = 1;
    for (let report = first; report.status !== "unchanged"; runs++) {
      report = await processFile(p.file("nested.js"), options);
      expect(parsesAs("nested.js", p.read("nested.js"))).toBe(true);
      expect(runs).toBeLessThan(6);
    }
    expect(p.read("nested.js")).toBe(
      `const xs = [1];\nexport const b = ${"xs.some((x) => ".repeat(depth)}x${")".repeat(depth)};\n`,
    );
  });
});

describe("files without read or write permission", () => {
  it("an unreadable file, a read-only file and a file in a read-only directory are each reported; the others are written", () => {
    const p = project({
      "unreadable.ts": LOW_RISK,
      "read-only.ts": LOW_RISK,
      "locked/inside.ts": LOW_RISK,
      "fine.ts": LOW_RISK,
    });
    chmodSync(p.file("unreadable.ts"), 0o000);
    chmodSync(p.file("read-only.ts"), 0o444);
    chmodSync(p.file("locked"), 0o555);
    // Root ignores mode bits; the prefix makes them bind (see permissionsBindingPrefix).
    const result = lazymodWith(permissionsBindingPrefix(), [], [".", "--write"], p.dir);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toContain("error unreadable.ts: permission denied\n");
    expect(result.stdout).toContain(
      "error read-only.ts: not written: the file is read-only (no write permission)\n",
    );
    expect(result.stdout).toContain("error locked/inside.ts: not written: permission denied\n");
    expect(p.read("fine.ts")).not.toBe(LOW_RISK);
    expect(p.read("read-only.ts")).toBe(LOW_RISK);
    expect(p.read("locked/inside.ts")).toBe(LOW_RISK);
    chmodSync(p.file("unreadable.ts"), 0o644);
    expect(p.read("unreadable.ts")).toBe(LOW_RISK);
  });
});
