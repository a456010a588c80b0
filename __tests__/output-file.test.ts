import { execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
} from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lazymod } from "./helpers/cli.js";
import {
  LOW_RISK,
  LOW_RISK_OUTPUT,
  lazymodWith,
  permissionsBindingPrefix,
  project,
} from "./reliability/helpers.js";

const modeOf = (file: string) => statSync(file).mode & 0o7777;

/** A project with two rewritable source files; `src/ro.ts` is read-only (mode 444). */
function sources() {
  const p = project({ "src/ro.ts": LOW_RISK, "src/a.ts": LOW_RISK, "src/b.ts": LOW_RISK });
  chmodSync(p.file("src/ro.ts"), 0o444);
  chmodSync(p.file("src/a.ts"), 0o640);
  return p;
}

/** Both sources as they were, with their modes: nothing was written. */
function expectUntouched(p: ReturnType<typeof sources>) {
  expect(p.read("src/ro.ts")).toBe(LOW_RISK);
  expect(p.read("src/a.ts")).toBe(LOW_RISK);
  expect(p.read("src/b.ts")).toBe(LOW_RISK);
  expect(modeOf(p.file("src/ro.ts"))).toBe(0o444);
  expect(modeOf(p.file("src/a.ts"))).toBe(0o640);
}

describe("--output and --plan never replace a source file", () => {
  it("--output naming a read-only scanned file is a usage error, before anything is written", () => {
    const p = sources();
    for (const args of [
      ["src", "--output", "src/ro.ts"],
      ["src", "--write", "--output", "src/ro.ts"],
    ]) {
      const result = lazymod(args, p.dir);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/^lazymod: --output src\/ro\.ts: is read-only/);
      expect(result.stdout).toBe("");
      expectUntouched(p);
    }
  });

  it("--output or --plan naming a scanned file (writable) is a usage error, before anything is written", () => {
    const p = sources();
    for (const args of [
      ["src", "--write", "--output", "src/a.ts"],
      ["src", "--output", "./src/../src/a.ts", "--format", "json"],
      ["src", "--plan", "src/a.ts"],
      // Also a file that this shard, or --since, leaves out: it is still a source file.
      ["src", "--shard", "1/2", "--output", "src/a.ts"],
      ["src", "--shard", "2/2", "--output", "src/a.ts"],
    ]) {
      const result = lazymod(args, p.dir);
      expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(/is one of the files being scanned/);
      expectUntouched(p);
    }
  });

  it("--output through a symbolic link that leads to a scanned file is refused; link and file untouched", () => {
    const p = sources();
    mkdirSync(p.file("reports"));
    symlinkSync("../src/a.ts", p.file("reports/latest.txt"));
    const result = lazymod(["src", "--write", "--output", "reports/latest.txt"], p.dir);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/reports\/latest\.txt is one of the files being scanned/);
    expectUntouched(p);
    expect(lstatSync(p.file("reports/latest.txt")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(p.file("reports/latest.txt"))).toBe("../src/a.ts");
  });

  it("a directory, a read-only report, a link to nothing, one file for both: usage errors before the run", () => {
    const p = sources();
    mkdirSync(p.file("out"));
    const readOnly = p.file("old-report.txt");
    lazymod(["src", "--output", "old-report.txt"], p.dir);
    chmodSync(readOnly, 0o444);
    symlinkSync("missing/report.txt", p.file("dangling.txt"));
    const cases: Array<[string[], RegExp]> = [
      [["src", "--write", "--output", "out"], /^lazymod: --output out: is a directory/],
      [["src", "--plan", "out"], /^lazymod: --plan out: is a directory/],
      [["src", "--write", "--output", "old-report.txt"], /--output old-report\.txt: is read-only/],
      [
        ["src", "--output", "dangling.txt"],
        /--output dangling\.txt: is a symbolic link to nothing/,
      ],
      [
        ["src", "--output", "r.json", "--plan", "./r.json", "--format", "json"],
        /--output and --plan name the same file/,
      ],
    ];
    for (const [args, message] of cases) {
      const result = lazymod(args, p.dir);
      expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(message);
      expectUntouched(p);
    }
    expect(modeOf(readOnly)).toBe(0o444);
    expect(readFileSync(readOnly, "utf8")).toMatch(/^Files: 3 scanned/m);
    expect(lstatSync(p.file("dangling.txt")).isSymbolicLink()).toBe(true);
  });

  it("a report in a directory lazymod may not write in is refused before --write writes anything", () => {
    const p = sources();
    mkdirSync(p.file("locked"));
    chmodSync(p.file("locked"), 0o555);
    const result = lazymodWith(
      permissionsBindingPrefix(),
      [],
      ["src", "--write", "--output", "locked/report.txt"],
      p.dir,
    );
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(
      /--output locked\/report\.txt: cannot write in locked \(permission denied\)/,
    );
    expectUntouched(p);
  });
});

describe("replacing a report file", () => {
  it("keeps the file's mode (the umask's default would be 644)", () => {
    const p = project({ "src/a.ts": LOW_RISK });
    for (const [name, mode] of [
      ["report.json", 0o600],
      ["shared.json", 0o664],
    ] as const) {
      lazymod(["src", "--format", "json", "--output", name], p.dir);
      chmodSync(p.file(name), mode);
      const result = lazymod(["src", "--write", "--format", "json", "--output", name], p.dir);
      expect(result.code, result.stderr).toBe(0);
      expect(modeOf(p.file(name))).toBe(mode);
      expect(JSON.parse(readFileSync(p.file(name), "utf8"))).toMatchObject({
        summary: { written: expect.any(Number) },
      });
    }
    expect(p.read("src/a.ts")).toBe(LOW_RISK_OUTPUT);
  });

  it("through a symbolic link to a report, replaces the file it leads to and keeps the link", () => {
    const p = project({ "src/a.ts": LOW_RISK });
    mkdirSync(p.file("reports"));
    lazymod(["src", "--output", "reports/2024.txt"], p.dir);
    chmodSync(p.file("reports/2024.txt"), 0o600);
    symlinkSync("2024.txt", p.file("reports/latest.txt"));
    const result = lazymod(["src", "--format", "json", "--output", "reports/latest.txt"], p.dir);
    expect(result.code, result.stderr).toBe(0);
    expect(lstatSync(p.file("reports/latest.txt")).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(p.file("reports/2024.txt"), "utf8"))).toMatchObject({
      version: 1,
    });
    expect(modeOf(p.file("reports/2024.txt"))).toBe(0o600);
    expect(path.basename(readlinkSync(p.file("reports/latest.txt")))).toBe("2024.txt");
  });

  it("a FIFO (or a device such as /dev/stdout) is written into, not replaced by a file", async () => {
    const p = project({ "src/a.ts": LOW_RISK });
    execFileSync("mkfifo", [p.file("pipe")]);
    const reader = spawn("cat", ["pipe"], { cwd: p.dir });
    let read = "";
    reader.stdout.setEncoding("utf8").on("data", (chunk: string) => (read += chunk));
    const closed = new Promise((resolve) => reader.on("close", resolve));
    const result = lazymod(["src", "--format", "json", "--output", "pipe"], p.dir);
    expect(result.code, result.stderr).toBe(0);
    await closed;
    expect(JSON.parse(read)).toMatchObject({ version: 1, summary: { filesScanned: 1 } });
    expect(lstatSync(p.file("pipe")).isFIFO()).toBe(true);
  });
});
