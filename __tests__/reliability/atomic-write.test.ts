import {
  chmodSync,
  chownSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defineTransform } from "../../src/core/define.js";
import type { BaseMatch } from "../../src/core/types.js";
import { replaceNode } from "../../src/fix/index.js";
import { processFile } from "../../src/runner/process-file.js";
import { sha256, writeFileAtomic, WriteRefusedError } from "../../src/runner/write.js";
import { transformsById } from "../../transforms/index.js";
import { LOW_RISK, LOW_RISK_OUTPUT, parsesAs, processOptions, project } from "./helpers.js";

const some = transformsById.get("prefer-array-some")!;
const isRoot = process.getuid?.() === 0;

function entries(dir: string): string[] {
  return readdirSync(dir).sort();
}

describe("atomic writes", () => {
  it("replaces the content whole, keeping mode, owner and group, and leaves no temporary file", async () => {
    const p = project({ "a.ts": "old\n", "b.ts": "old\n" });
    chmodSync(p.file("a.ts"), 0o751);
    chmodSync(p.file("b.ts"), 0o600);
    // As root, make the file someone else's: the rewrite must not hand it to root.
    if (isRoot) chownSync(p.file("b.ts"), 65534, 65534);
    const before = statSync(p.file("b.ts"));
    await writeFileAtomic(p.file("a.ts"), "new ✓\n", sha256("old\n"));
    await writeFileAtomic(p.file("b.ts"), "new\r\n", sha256("old\n"));
    expect(p.read("a.ts")).toBe("new ✓\n");
    expect(p.read("b.ts")).toBe("new\r\n");
    expect(statSync(p.file("a.ts")).mode & 0o7777).toBe(0o751);
    const after = statSync(p.file("b.ts"));
    expect([after.mode & 0o7777, after.uid, after.gid]).toEqual([0o600, before.uid, before.gid]);
    if (isRoot) expect([after.uid, after.gid]).toEqual([65534, 65534]);
    expect(entries(p.dir)).toEqual(["a.ts", "b.ts"]);
  });

  it("refuses to replace a file whose content changed since it was read, and cleans up", async () => {
    const p = project({ "a.ts": "edited by someone else\n" });
    const write = writeFileAtomic(p.file("a.ts"), "ours\n", sha256("what we read\n"));
    await expect(write).rejects.toThrow(WriteRefusedError);
    await expect(write).rejects.toThrow("the file changed on disk since it was read");
    expect(p.read("a.ts")).toBe("edited by someone else\n");
    expect(entries(p.dir)).toEqual(["a.ts"]);
  });

  it("refuses to replace a read-only file, even as root", async () => {
    const p = project({ "a.ts": "old\n" });
    chmodSync(p.file("a.ts"), 0o444);
    await expect(writeFileAtomic(p.file("a.ts"), "new\n", sha256("old\n"))).rejects.toThrow(
      "the file is read-only (no write permission)",
    );
    expect(p.read("a.ts")).toBe("old\n");
    expect(entries(p.dir)).toEqual(["a.ts"]);
  });

  it("writes a file whose name is at the 255-byte limit", async () => {
    const name = `${"é".repeat(125)}.ts`; // 250 + 3 bytes
    expect(Buffer.byteLength(name)).toBe(253);
    const p = project({ [name]: LOW_RISK });
    const report = await processFile(p.file(name), processOptions(p.dir, { write: true }));
    expect(report).toMatchObject({ status: "changed", written: 1 });
    expect(p.read(name)).toBe(LOW_RISK_OUTPUT);
    expect(entries(p.dir)).toEqual([name]);
  });

  it("keeps CRLF line endings and a byte-order mark through processFile", async () => {
    const input = `\uFEFF${LOW_RISK.replaceAll("\n", "\r\n")}`;
    const p = project({ "a.ts": input });
    await processFile(p.file("a.ts"), processOptions(p.dir, { write: true }));
    const bytes = readFileSync(p.file("a.ts"));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toBe(`\uFEFF${LOW_RISK_OUTPUT.replaceAll("\n", "\r\n")}`);
  });
});

describe("never writing over a file that changed since it was read", () => {
  it("a file edited while lazymod works on it is reported and keeps the edit", async () => {
    const p = project({ "a.ts": LOW_RISK, "b.ts": LOW_RISK });
    const edit = "// edited in the editor meanwhile\n";
    // Stands in for the user's editor: it saves the file while the transform runs.
    const racing = defineTransform<BaseMatch>({
      ...some,
      id: "editor-saves-meanwhile",
      match: {
        Program: (_node, ctx) => {
          if (ctx.path === "a.ts") writeFileSync(p.file("a.ts"), edit);
          return undefined;
        },
      },
      assess: () => [],
      fix: () => null,
    });
    const options = processOptions(p.dir, { transforms: [racing, some], write: true });
    const a = await processFile(p.file("a.ts"), options);
    const b = await processFile(p.file("b.ts"), options);
    expect(a).toMatchObject({
      status: "error",
      written: 0,
      reason: "not written: the file changed on disk since it was read",
    });
    expect(p.read("a.ts")).toBe(edit);
    expect(b).toMatchObject({ status: "changed", written: 1 });
    expect(p.read("b.ts")).toBe(LOW_RISK_OUTPUT);
    expect(entries(p.dir)).toEqual(["a.ts", "b.ts"]);
  });

  it("a file deleted while lazymod works on it is reported and not recreated", async () => {
    const p = project({ "a.ts": LOW_RISK });
    const deleting = defineTransform<BaseMatch>({
      ...some,
      id: "deleted-meanwhile",
      match: {
        Program: () => {
          rmSync(p.file("a.ts"));
          return undefined;
        },
      },
      assess: () => [],
      fix: () => null,
    });
    const report = await processFile(
      p.file("a.ts"),
      processOptions(p.dir, { transforms: [deleting, some], write: true }),
    );
    expect(report).toMatchObject({
      status: "error",
      reason: "not written: the file was removed since it was read",
    });
    expect(entries(p.dir)).toEqual([]);
  });
});

describe("never writing output that does not parse", () => {
  it("a transform whose change breaks the syntax has that change dropped; the file gets only the valid ones", async () => {
    const breaksSyntax = defineTransform<BaseMatch>({
      ...some,
      id: "breaks-syntax",
      match: {
        NumericLiteral: (node) => ({ node, messageId: "compared" }),
      },
      assess: () => [],
      fix: (match) => [replaceNode(match.node, ["1(("])],
    });
    const p = project({ "a.ts": LOW_RISK, "only-broken.ts": "export const n = [1].filter(f);\n" });
    const options = processOptions(p.dir, { transforms: [breaksSyntax, some], write: true });
    const a = await processFile(p.file("a.ts"), options);
    const broken = await processFile(p.file("only-broken.ts"), options);
    expect(a.status).toBe("error");
    expect(a.reason).toMatch(
      /breaks-syntax produced code that does not parse; the change was dropped/,
    );
    expect(p.read("a.ts")).toBe(LOW_RISK_OUTPUT);
    expect(broken.written).toBe(0);
    expect(p.read("only-broken.ts")).toBe("export const n = [1].filter(f);\n");
    for (const name of entries(p.dir))
      expect(parsesAs(name, readFileSync(path.join(p.dir, name), "utf8"))).toBe(true);
  });
});
