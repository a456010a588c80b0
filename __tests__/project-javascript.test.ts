import { afterEach, describe, expect, it } from "vitest";
import type { RunResult } from "../src/index.js";
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
