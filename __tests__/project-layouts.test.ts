import { readFileSync } from "node:fs";
import ts from "typescript";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Change, FileReport, RunResult } from "../src/index.js";
import { ProjectTypes } from "../src/project/typescript/programs.js";
import { run } from "../src/runner/run.js";
import { transforms } from "../transforms/index.js";
import { npmWorkspaceLinks, pnpmLinks, projectCopy, type ProjectCopy } from "./helpers/projects.js";

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

function fileIn(result: RunResult, file: string): FileReport {
  const report = result.files.find((f) => f.path === file);
  expect(report, `${file} in the report`).toBeDefined();
  return report!;
}

const proofIds = (change: Change) => (change.risk.proofs ?? []).map((p) => p.id);
const factorIds = (change: Change) => change.risk.factors.map((f) => f.id);

/** Each change of a file: its proofs and factors, by line. */
function judgements(report: FileReport) {
  return report.changes.map((c) => ({ line: c.line, proofs: proofIds(c), factors: factorIds(c) }));
}

describe("programs on npm and Yarn workspaces", () => {
  it("proves a receiver whose type is declared in another workspace package whose dist/ was never built", async () => {
    const copy = copyOf("monorepo-npm", npmWorkspaceLinks);
    const result = await run({ transforms, cwd: copy.dir, types: true });
    expect(result.warnings).toEqual([]);
    // `loadOrders()` from `@shop/model` (its `types`: ./dist/index.d.ts, not there).
    expect(judgements(fileIn(result, "packages/web/src/orders.ts"))).toEqual([
      { line: 5, proofs: ["receiver-is-array"], factors: [] },
    ]);
    // `@shop/model/features/catalog`: a subpath of the `./features/*` pattern of its exports.
    expect(judgements(fileIn(result, "packages/web/src/catalog.ts"))).toEqual([
      { line: 4, proofs: ["receiver-is-array"], factors: [] },
    ]);
    // `@shop/pricing` builds source/ to build/: its tsconfig says so, no convention does.
    expect(judgements(fileIn(result, "packages/web/src/prices.ts"))).toEqual([
      { line: 4, proofs: ["receiver-is-array"], factors: [] },
    ]);
    expect(judgements(fileIn(result, "packages/api/src/report.ts"))).toEqual([
      { line: 5, proofs: ["receiver-is-array"], factors: [] },
      { line: 9, proofs: ["receiver-is-array"], factors: [] },
    ]);
  });

  it("judges the same changes file by file without types, the proofs then being factors", async () => {
    const copy = copyOf("monorepo-npm", npmWorkspaceLinks);
    const typed = await run({ transforms, cwd: copy.dir, types: true });
    const local = await run({ transforms, cwd: copy.dir, types: false });
    const where = (r: RunResult) =>
      r.files.flatMap((f) =>
        f.changes.map((c) => `${f.path}:${c.start}-${c.end} ${c.replacement}`),
      );
    expect(where(typed)).toEqual(where(local));
    for (const file of local.files)
      for (const change of file.changes) {
        expect(factorIds(change)).toContain("receiver-not-provably-array");
        expect(change.risk.proofs).toBeUndefined();
      }
  });

  it("builds one program per owning tsconfig, and parses the standard library once for both", async () => {
    const copy = copyOf("monorepo-npm", npmWorkspaceLinks);
    const result = await run({ transforms, cwd: copy.dir, types: true });
    // web (orders.ts, catalog.ts, prices.ts) and api (report.ts): the root tsconfig has no files
    // of its own, and @shop/model's and @shop/pricing's have no findings.
    expect(result.types).toMatchObject({ programs: 2, files: 4, fileLocal: 0 });

    const project = new ProjectTypes(copy.dir);
    project.build(copy.at("packages/web/tsconfig.json"), [copy.at("packages/web/src/orders.ts")]);
    const first = { ...project.stats };
    project.build(copy.at("packages/api/tsconfig.json"), [copy.at("packages/api/src/report.ts")]);
    const secondFiles = project.stats.programFiles - first.programFiles;
    expect(first.sharedFiles).toBe(0);
    // Every file of the second program but its own root was parsed for the first one: the
    // standard library and @shop/model's sources.
    expect(secondFiles).toBeGreaterThan(5);
    expect(project.stats.sharedFiles).toBe(secondFiles - 1);
  });
});

describe("one program at a time", () => {
  it("lets a program go once its files are judged: the next parses the sources again, not the standard library", () => {
    const copy = copyOf("monorepo-npm", npmWorkspaceLinks);
    const web = copy.at("packages/web/src/orders.ts");
    const project = new ProjectTypes(copy.dir);
    project.build(copy.at("packages/web/tsconfig.json"), [web]);
    expect(project.typesOf(web, readFileSync(web, "utf8"))).toBeDefined();
    project.release(copy.at("packages/web/tsconfig.json"));
    expect(project.typesOf(web, readFileSync(web, "utf8"))).toBeUndefined();
    const first = { ...project.stats };
    project.build(copy.at("packages/api/tsconfig.json"), [copy.at("packages/api/src/report.ts")]);
    const secondFiles = project.stats.programFiles - first.programFiles;
    // Parsed again: the root, and @shop/model's index.ts and order.ts; the rest was kept.
    expect(project.stats.sharedFiles).toBe(secondFiles - 3);
  });
});

describe("the type-check gate's programs", () => {
  it("reuse the first program's module resolution: no package.json is read again", () => {
    const copy = copyOf("monorepo-npm", npmWorkspaceLinks);
    const file = copy.at("packages/web/src/orders.ts");
    const text = readFileSync(file, "utf8");
    const project = new ProjectTypes(copy.dir);
    project.build(copy.at("packages/web/tsconfig.json"), [file]);
    const gate = project.typesOf(file, text)!.gate!;
    const rewritten = text.replace(".filter(", ".some(").replace(").length > 0", ")");
    expect(gate.newErrors(rewritten)).toEqual([]);
    const reads = vi.spyOn(ts.sys, "readFile");
    try {
      expect(gate.newErrors(rewritten.replace("open", "shipped"))).toEqual([]);
      const manifests = reads.mock.calls.filter(([name]) => name.endsWith("package.json"));
      expect(manifests).toEqual([]);
    } finally {
      reads.mockRestore();
    }
  });
});

describe("the type-check gate's baseline", () => {
  it("is counted only when the rewritten file has errors: a clean rewrite is one check, not two", () => {
    const copy = copyOf("monorepo-npm", npmWorkspaceLinks);
    const file = copy.at("packages/web/src/orders.ts");
    const text = readFileSync(file, "utf8");
    const project = new ProjectTypes(copy.dir);
    project.build(copy.at("packages/web/tsconfig.json"), [file]);
    // The program as read (private: the gate's own programs are built from it).
    const built = (project as unknown as { byFile: Map<string, { program: ts.Program }> }).byFile;
    const asRead = vi.spyOn(built.get(file)!.program, "getSemanticDiagnostics");
    const gate = project.typesOf(file, text)!.gate!;
    const clean = text.replace(".filter(", ".some(").replace(").length > 0", ")");
    expect(gate.newErrors(clean)).toEqual([]);
    // The original's errors were never asked for: there was nothing to tell new ones from.
    expect(asRead).not.toHaveBeenCalled();
    const broken = `${text}\nexport const wrong: number = "a string";\n`;
    expect(gate.newErrors(broken).map((e) => e.code)).toEqual(["TS2322"]);
    expect(asRead).toHaveBeenCalledTimes(1);
  });
});

describe("programs on a pnpm workspace", () => {
  it("follows pnpm's links to a workspace package's sources and into the store", async () => {
    const copy = copyOf("monorepo-pnpm", pnpmLinks);
    const result = await run({ transforms, cwd: copy.dir, types: true });
    expect(result.warnings).toEqual([]);
    expect(judgements(fileIn(result, "packages/web/src/dashboard.ts"))).toEqual([
      // `unpaidInvoices()` from @shop/model, through packages/web/node_modules/@shop/model.
      { line: 6, proofs: ["receiver-is-array"], factors: [] },
      // `visibleWidgets()` from @acme/widgets' .d.ts in node_modules/.pnpm.
      { line: 10, proofs: ["receiver-is-array"], factors: [] },
    ]);
  });

  it("names the package a type in pnpm's store comes from, and the project for workspace sources", () => {
    const copy = copyOf("monorepo-pnpm", pnpmLinks);
    const file = copy.at("packages/web/src/dashboard.ts");
    const text = readFileSync(file, "utf8");
    const project = new ProjectTypes(copy.dir);
    project.build(copy.at("packages/web/tsconfig.json"), [file]);
    const facts = project.typesOf(file, text)!.facts;
    const typeOf = (code: string) => {
      const start = text.indexOf(code);
      return facts.typeOf({ start, end: start + code.length });
    };
    expect(typeOf("widgetList()")?.members[0]?.origins[0]).toEqual({
      name: "WidgetList",
      module: "@acme/widgets",
      file: "index.d.ts",
    });
    const invoice = typeOf("unpaidInvoices()")?.members[0];
    expect(invoice?.kind).toBe("array");
    expect(invoice?.typeArguments).toEqual(["Invoice"]);
  });
});
