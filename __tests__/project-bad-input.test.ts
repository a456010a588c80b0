import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import type { RunResult } from "../src/index.js";
import { run, type RunOptions } from "../src/runner/run.js";
import { transforms } from "../transforms/index.js";
import { lazymod } from "./helpers/cli.js";
import { npmWorkspaceLinks, projectCopy, type ProjectCopy } from "./helpers/projects.js";

let copies: ProjectCopy[] = [];
afterEach(() => {
  for (const copy of copies) copy.cleanup();
  copies = [];
});

function copyOf(name: string, layout?: (copy: ProjectCopy) => void): ProjectCopy {
  const copy = projectCopy(name, layout);
  copies.push(copy);
  return copy;
}

/** Every change as it would be written, with its factors and proofs: what a run decided. */
function decisions(result: RunResult) {
  return result.files.flatMap((file) =>
    file.changes.map((c) => ({
      at: `${file.path}:${c.start}-${c.end}`,
      replacement: c.replacement,
      status: c.status,
      factors: c.risk.factors.map((f) => f.id),
      proofs: (c.risk.proofs ?? []).map((p) => p.id),
    })),
  );
}

/**
 * Runs the project with types and without: the run with types must decide exactly what the run
 * without decides, and say why in warnings.
 */
async function withAndWithoutTypes(copy: ProjectCopy, options: Partial<RunOptions> = {}) {
  const typed = await run({ transforms, cwd: copy.dir, types: true, ...options });
  const local = await run({ transforms, cwd: copy.dir, types: false, ...options });
  expect(decisions(local).length).toBeGreaterThan(0);
  expect(decisions(typed)).toEqual(decisions(local));
  return typed;
}

/** The fake `typescript` package of a project: its package.json and its main module's text. */
function fakeTypeScript(copy: ProjectCopy, version: string, main: string): void {
  copy.write(
    "node_modules/typescript/package.json",
    JSON.stringify({ name: "typescript", version, main: "lib/typescript.js" }),
  );
  copy.write("node_modules/typescript/lib/typescript.js", main);
}

const REAL_TYPESCRIPT = createRequire(import.meta.url).resolve("typescript");

describe("a tsconfig lazymod cannot use is one warning, then the file-by-file judgement", () => {
  it("proves the receiver when nothing is wrong (the baseline the other cases break)", async () => {
    const copy = copyOf("small-app");
    const result = await run({ transforms, cwd: copy.dir, types: true });
    expect(result.warnings).toEqual([]);
    expect(decisions(result).map((d) => d.proofs)).toEqual([["receiver-is-array"]]);
  });

  it("an `extends` that does not resolve (a config package that is not installed)", async () => {
    // The workspace without its node_modules links: @shop/tsconfig resolves nowhere.
    const copy = copyOf("monorepo-npm");
    const result = await withAndWithoutTypes(copy);
    expect(result.warnings).toEqual([
      expect.stringMatching(
        /^packages\/api\/tsconfig\.json: "extends": "@shop\/tsconfig\/base\.json" does not resolve/,
      ),
      expect.stringMatching(
        /^packages\/web\/tsconfig\.json: "extends": "@shop\/tsconfig\/base\.json" does not resolve/,
      ),
    ]);
    expect(result.types).toMatchObject({ programs: 0, fileLocal: 4 });
  });

  it("references naming a tsconfig that is not there", async () => {
    const copy = copyOf("small-app");
    // Vite's layout, with the referenced tsconfig.app.json missing.
    copy.write(
      "tsconfig.json",
      '{ "files": [], "references": [{ "path": "./tsconfig.app.json" }] }',
    );
    const result = await withAndWithoutTypes(copy);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^tsconfig\.app\.json: no such file \(named by a `references`/),
    ]);
  });

  it("a tsconfig that is not valid JSON", async () => {
    const copy = copyOf("small-app");
    copy.write("tsconfig.json", '{ "compilerOptions": { "strict": true, } ');
    const result = await withAndWithoutTypes(copy);
    expect(result.warnings).toEqual([expect.stringMatching(/^tsconfig\.json: not valid JSON/)]);
  });

  it("an option TypeScript rejects", async () => {
    const copy = copyOf("small-app");
    copy.write("tsconfig.json", '{ "compilerOptions": { "moduleResolution": "nowhere" } }');
    const result = await withAndWithoutTypes(copy);
    expect(result.warnings).toEqual([
      expect.stringMatching(
        /^tsconfig\.json: Argument for '--moduleResolution' option must be: .*; its files are judged file by file$/,
      ),
    ]);
  });

  it("project references without a build change nothing (programs follow sources)", async () => {
    const copy = copyOf("monorepo-npm", npmWorkspaceLinks);
    const result = await run({ transforms, cwd: copy.dir, types: true });
    expect(result.warnings).toEqual([]);
    expect(result.types).toMatchObject({ programs: 2, fileLocal: 0 });
    expect(result.summary.typeErrors).toBe(0);
    expect(decisions(result).every((d) => d.proofs.includes("receiver-is-array"))).toBe(true);
  });
});

describe("a TypeScript lazymod cannot use", () => {
  it("the project's own TypeScript older than 5.0", async () => {
    const copy = copyOf("small-app");
    fakeTypeScript(copy, "4.9.5", 'module.exports = { version: "4.9.5" };');
    const result = await withAndWithoutTypes(copy);
    expect(result.warnings).toEqual([
      "tsconfig.json: the project's TypeScript 4.9.5 is older than 5.0, which lazymod needs; its files are judged file by file",
    ]);
  });

  it("a TypeScript that is not the compiler it says it is", async () => {
    const copy = copyOf("small-app");
    fakeTypeScript(copy, "5.4.0", 'module.exports = { version: "5.4.0" };');
    const result = await withAndWithoutTypes(copy);
    expect(result.warnings).toEqual([
      expect.stringMatching(
        /^tsconfig\.json: TypeScript failed on it \(.*is not a function\); its files are judged file by file$/,
      ),
    ]);
  });

  it("a checker that throws while a file is judged: that file again, file by file, and written so", async () => {
    const copy = copyOf("small-app");
    fakeTypeScript(
      copy,
      "5.9.3",
      `const real = require(${JSON.stringify(REAL_TYPESCRIPT)});
module.exports = {
  ...real,
  createProgram(...args) {
    const program = real.createProgram(...args);
    const checker = program.getTypeChecker();
    program.getTypeChecker = () =>
      new Proxy(checker, {
        get: (target, key) =>
          key === "getTypeAtLocation"
            ? () => { throw new Error("Debug Failure. False expression."); }
            : target[key],
      });
    return program;
  },
};`,
    );
    const result = await withAndWithoutTypes(copy);
    expect(result.warnings).toEqual([
      "src/orders.ts: TypeScript failed on it (Debug Failure. False expression.); it is judged file by file",
    ]);
    expect(result.types).toMatchObject({ programs: 1, fileLocal: 1 });
    expect(result.files.every((f) => f.status !== "error")).toBe(true);

    const written = await run({ transforms, cwd: copy.dir, types: true, write: true });
    expect(written.summary.written).toBe(1);
    expect(copy.read("src/orders.ts")).toContain("orders.some((order) => order.open)");
  });
});

describe("a program over its memory budget", () => {
  it("is given up, named with what it took, and its files are judged file by file", async () => {
    const copy = copyOf("small-app");
    const result = await withAndWithoutTypes(copy, { typesMemoryMb: 1 });
    expect(result.warnings).toEqual([
      expect.stringMatching(
        /^tsconfig\.json: its program took \d+ MiB, over the 1 MiB budget of a program; its files are judged file by file$/,
      ),
    ]);
    expect(result.types).toMatchObject({ programs: 0, fileLocal: 1 });
  });

  it("takes its budget from LAZYMOD_TYPES_MEMORY_MB on the command line, and refuses a bad one", () => {
    const copy = copyOf("small-app");
    const over = lazymod(["src"], copy.dir, { LAZYMOD_TYPES_MEMORY_MB: "1" });
    expect(over.code).toBe(0);
    expect(over.stderr).toMatch(
      /^lazymod: warning: tsconfig\.json: its program took \d+ MiB, over the 1 MiB budget of a program; its files are judged file by file\n$/,
    );
    expect(over.stdout).toContain("+20 receiver-not-provably-array");

    const within = lazymod(["src"], copy.dir, { LAZYMOD_TYPES_MEMORY_MB: "4096" });
    expect(within.stderr).toBe("");
    expect(within.stdout).toContain("✓ receiver-is-array");

    const bad = lazymod(["src"], copy.dir, { LAZYMOD_TYPES_MEMORY_MB: "lots" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("LAZYMOD_TYPES_MEMORY_MB must be a positive number of MiB");
  });
});
