import { afterEach, describe, expect, it } from "vitest";
import type { RunResult } from "../src/index.js";
import { textSummary } from "../src/reporters/text.js";
import { run } from "../src/runner/run.js";
import { transforms } from "../transforms/index.js";
import { projectCopy, type ProjectCopy } from "./helpers/projects.js";

let copies: ProjectCopy[] = [];
afterEach(() => {
  for (const copy of copies) copy.cleanup();
  copies = [];
});

/** A copy of one of js-app's projects, and what a run with types makes of it. */
async function typedRun(project: string, edit?: (copy: ProjectCopy) => void) {
  const copy = projectCopy("js-app");
  copies.push(copy);
  edit?.(copy);
  return run({ transforms, cwd: copy.at(project), types: true });
}

function judgement(result: RunResult) {
  const changes = result.files.flatMap((f) => f.changes);
  expect(changes).toHaveLength(1);
  return {
    proofs: (changes[0]!.risk.proofs ?? []).map((p) => p.id),
    factors: changes[0]!.risk.factors.map((f) => f.id),
    typeChecked: result.summary.typeChecked,
  };
}

describe("JavaScript projects get the same machinery", () => {
  it("a jsconfig.json: the JSDoc return type in another file proves the receiver; unchecked, so no gate", async () => {
    const result = await typedRun("jsconfig-project");
    expect(result.warnings).toEqual([]);
    expect(result.types).toMatchObject({ programs: 1, files: 1, fileLocal: 0 });
    // Without checkJs the compiler reports no type errors in JavaScript: nothing to compare.
    expect(judgement(result)).toEqual({
      proofs: ["receiver-is-array"],
      factors: [],
      typeChecked: 0,
    });
  });

  it("`// @ts-check` in a jsconfig project's file: type-checked", async () => {
    const result = await typedRun("jsconfig-project", (copy) =>
      copy.write(
        "jsconfig-project/src/orders.js",
        `// @ts-check\n${copy.read("jsconfig-project/src/orders.js")}`,
      ),
    );
    expect(judgement(result)).toEqual({
      proofs: ["receiver-is-array"],
      factors: [],
      typeChecked: 1,
    });
  });

  it("a tsconfig.json with checkJs alone (which implies allowJs): proven and type-checked", async () => {
    const result = await typedRun("checkjs-project");
    expect(result.warnings).toEqual([]);
    expect(result.summary.byLanguage).toEqual({ "es2022 from tsconfig.json": 1 });
    expect(judgement(result)).toEqual({
      proofs: ["receiver-is-array"],
      factors: [],
      typeChecked: 1,
    });
  });

  it("plain JavaScript, no configuration: file by file, said in the types summary, no warning", async () => {
    const result = await typedRun("plain");
    expect(result.warnings).toEqual([]);
    expect(result.types).toMatchObject({ programs: 0, fileLocal: 1 });
    expect(judgement(result)).toEqual({
      proofs: [],
      factors: ["receiver-not-provably-array"],
      typeChecked: 0,
    });
  });
});

/** A file whose one change this file proves: an array literal, a pure inline callback. */
const PROVEN = `export const anyLarge = [1, 2, 3].filter((n) => n > 2).length > 0;
// Not a candidate (its result is iterated, not asked about): it asks nothing of types.
export function logEach(items) {
  items.filter(Boolean).forEach((item) => console.log(item));
}
`;

/** What a run reports of each change, to compare a run with types with one without. */
function changesOf(result: RunResult) {
  return result.files.flatMap((f) =>
    f.changes.map((c) => ({ path: f.path, line: c.line, status: c.status, text: c.replacement })),
  );
}

describe("which files get a program", () => {
  it("JavaScript nothing checks, whose changes asked nothing of types, gets none: the same changes, counted as needing no program", async () => {
    const copy = projectCopy("js-app");
    copies.push(copy);
    copy.write("jsconfig-project/src/proven.js", PROVEN);
    const cwd = copy.at("jsconfig-project");
    const typed = await run({ transforms, cwd, types: true });
    const local = await run({ transforms, cwd, types: false });
    // orders.js (its receiver comes from model.js) is the program's only root.
    expect(typed.types).toMatchObject({ programs: 1, files: 1, fileLocal: 0, notNeeded: 1 });
    expect(changesOf(typed).filter((c) => c.path === "src/proven.js")).toEqual(
      changesOf(local).filter((c) => c.path === "src/proven.js"),
    );
    expect(changesOf(typed).filter((c) => c.path === "src/proven.js")).toHaveLength(1);
    expect(textSummary(typed)).toContain("1 file with findings needed no program");
  });

  it("such a file is still written with --write", async () => {
    const copy = projectCopy("js-app");
    copies.push(copy);
    copy.write("jsconfig-project/src/proven.js", PROVEN);
    const result = await run({
      transforms,
      cwd: copy.at("jsconfig-project"),
      types: true,
      write: true,
    });
    expect(result.types).toMatchObject({ notNeeded: 1 });
    expect(copy.read("jsconfig-project/src/proven.js")).toContain("[1, 2, 3].some((n) => n > 2)");
  });

  it("the same file with // @ts-check gets its program: the gate checks it", async () => {
    const copy = projectCopy("js-app");
    copies.push(copy);
    copy.write("jsconfig-project/src/proven.js", `// @ts-check\n${PROVEN}`);
    const result = await run({ transforms, cwd: copy.at("jsconfig-project"), types: true });
    expect(result.types).toMatchObject({ programs: 1, files: 2, notNeeded: 0 });
    // proven.js alone: orders.js has no @ts-check.
    expect(result.summary.typeChecked).toBe(1);
  });

  it("in JavaScript nothing checks, the target decides findLast, not the program's library", async () => {
    const copy = projectCopy("js-app");
    copies.push(copy);
    // The jsconfig's ES2022 library has no findLast; --target es2023 says the code may use it.
    copy.write(
      "jsconfig-project/src/last.js",
      "export const last = [1, 2, 3].filter((n) => n > 1).at(-1);\n",
    );
    const cwd = copy.at("jsconfig-project");
    const typed = await run({ transforms, cwd, types: true, target: "es2023" });
    const local = await run({ transforms, cwd, types: false, target: "es2023" });
    const last = (result: RunResult) => changesOf(result).filter((c) => c.path === "src/last.js");
    expect(last(typed)).toEqual(last(local));
    expect(last(typed)[0]?.text).toContain("findLast");
  });
});
